//! Development probe for frame rules: prints the cells of each sentence of standard input and
//! the frames read from them (`echo "…" | cargo run --release --example probe`).
#![allow(clippy::print_stdout)]
use factlint::document::Document;
use factlint::engine::Engine;
use std::io::Read;

fn main() {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).expect("stdin");
    let engine = Engine::new(Vec::new(), &[]).expect("engine");
    let doc = Document::new("-".into(), text.clone(), &text, &engine.abbreviations);
    let times = engine.time.mentions(&doc.norm);
    let fx = engine.fact_extractor();
    let entities = fx.entities(&doc);
    let (rows, frames) = fx.frames.frames(&doc, &times, &entities, &|_| true);
    for row in &rows {
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|c| {
                format!(
                    "{}{}",
                    c.sym,
                    if c.words.is_empty() || c.sym == c.words {
                        String::new()
                    } else {
                        format!("[{}]", c.words)
                    }
                )
            })
            .collect();
        println!("ROW {}", cells.join(" "));
    }
    for f in &frames {
        let roles: Vec<String> = f
            .roles
            .iter()
            .map(|(r, p)| {
                format!(
                    "{}={}{}",
                    r.name(),
                    p.key,
                    p.resolved
                        .as_ref()
                        .map(|x| format!(" ({x})"))
                        .unwrap_or_default()
                )
            })
            .collect();
        println!(
            "FRAME {} [{}] rule={} time={:?} {:?} roles: {}",
            f.predicate,
            f.trigger_text,
            f.rule,
            f.time.map(|i| &text[times[i].span.range()]),
            f.bound,
            roles.join(", ")
        );
    }
}
