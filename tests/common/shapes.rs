//! The input shapes of issue 16, generated at any size: the property suite (`tests/robustness.rs`)
//! draws them small, the scaling benchmark (`tests/scaling/bench.rs`) doubles them. Every shape is
//! a function of a repetition count, so a regression input is one line of code, not a file.

#![allow(dead_code)]

/// One input shape: a name, the file extension it is checked as, and its text for `n`.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub name: &'static str,
    pub extension: &'static str,
    pub text: fn(usize) -> String,
    /// Owned by the fact-check rewrite (order-violation, name-variant): no work bound yet.
    pub unbounded_work: bool,
}

impl Shape {
    pub fn file_name(&self) -> String {
        format!("{}.{}", self.name, self.extension)
    }
}

/// `n` copies of a paragraph with a birth after the death (order-violation).
pub fn order_violation(n: usize) -> String {
    "Gustave Eiffel was born on 15 December 1832 in Dijon. Gustave Eiffel died in 1823 in Paris.\n\n"
        .repeat(n)
}

/// `n` numbered lines naming one writer two ways (name-variant).
pub fn name_variant(n: usize) -> String {
    (0..n)
        .map(|i| format!("{i} Dostoevsky Dostoyevsky\n"))
        .collect()
}

/// `n` lines with a wrong weekday each: `n` findings in one file (the human report).
pub fn many_findings(n: usize) -> String {
    "The presidents died on Wednesday, 4 July 1826.\n".repeat(n)
}

/// One suppression comment naming an unknown code `n` times.
pub fn suppression(n: usize) -> String {
    format!("<!-- factlint: ignore[{}] -->", vec!["a"; n].join(","))
}

/// One token of `2n` letters and digits.
pub fn long_token(n: usize) -> String {
    format!("x {}", "A1".repeat(n))
}

/// One run of `n` digits.
pub fn digit_run(n: usize) -> String {
    "1".repeat(n)
}

/// Years glued by dashes into one token, `n` times.
pub fn dashed_years(n: usize) -> String {
    "1934–1955–".repeat(n)
}

/// A Markdown list nested `n` deep (each line one level deeper).
pub fn nested_list(n: usize) -> String {
    (0..n)
        .map(|i| format!("{}- item 1949\n", "  ".repeat(i)))
        .collect()
}

/// A block quote nested `n` deep, on one line.
pub fn nested_quote(n: usize) -> String {
    format!("{} in 1949 the city was founded.\n", "> ".repeat(n))
}

/// `n` mixed Arabic and English paragraphs with dates, weekdays and names.
pub fn mixed_scripts(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "توفي الرئيسان يوم الأربعاء 4 يوليو 1826 في مدينة شيتساي {i}.\n\
                 Sheng Shicai joined the Kuomintang in 1943; شنغ شيتشاي انضم عام 1942.\n\n"
            )
        })
        .collect()
}

/// Every shape of the table, and two more (quotes, mixed scripts).
pub const SHAPES: &[Shape] = &[
    Shape {
        name: "order-violation",
        extension: "txt",
        text: order_violation,
        unbounded_work: true,
    },
    Shape {
        name: "name-variant",
        extension: "txt",
        text: name_variant,
        unbounded_work: true,
    },
    Shape {
        name: "many-findings",
        extension: "txt",
        text: many_findings,
        unbounded_work: false,
    },
    Shape {
        name: "suppression",
        extension: "md",
        text: suppression,
        unbounded_work: false,
    },
    Shape {
        name: "long-token",
        extension: "txt",
        text: long_token,
        unbounded_work: false,
    },
    Shape {
        name: "digit-run",
        extension: "txt",
        text: digit_run,
        unbounded_work: false,
    },
    Shape {
        name: "dashed-years",
        extension: "txt",
        text: dashed_years,
        unbounded_work: false,
    },
    Shape {
        name: "nested-list",
        extension: "md",
        text: nested_list,
        unbounded_work: false,
    },
    Shape {
        name: "nested-quote",
        extension: "md",
        text: nested_quote,
        unbounded_work: false,
    },
    Shape {
        name: "mixed-scripts",
        extension: "md",
        text: mixed_scripts,
        unbounded_work: false,
    },
];

/// The repetition count that makes `shape` about `bytes` long (nested lists grow as n²).
pub fn count_for(shape: &Shape, bytes: usize) -> usize {
    let one = (shape.text)(1).len().max(1);
    let two = (shape.text)(2).len().max(one + 1);
    let (mut low, mut high) = (1usize, (bytes / (two - one).max(1)).max(2) * 2);
    while low < high {
        let mid = (low + high) / 2;
        if (shape.text)(mid).len() < bytes {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    low
}
