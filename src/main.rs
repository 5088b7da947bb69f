use factlint::document::Document;
use factlint::engine::{Engine, Selection};
fn main() {
    let engine = Engine::new().expect("tables");
    let docs: Vec<Document> = std::env::args()
        .skip(1)
        .map(|p| {
            let t = std::fs::read_to_string(&p).expect("read");
            Document::new(p, t.clone(), &t, &engine.abbreviations)
        })
        .collect();
    for d in engine.check(&docs, &Selection::default()) {
        println!("{}: {}", d.labels[0].file, d.message);
    }
}
