//! Times `eca_syntax::parse` on 5 MiB inputs of ordinary and pathological shapes, to show that
//! no shape is slow: `cargo run --release -p eca-syntax --example parse_speed [NAME]`, where
//! NAME picks the shapes whose name contains it. Times are wall-clock: on a busy machine,
//! compare with `time` (user) instead.

use std::time::Instant;

fn main() {
    let size = eca_syntax::MAX_FILE_SIZE - 64;
    let shapes: Vec<(&str, String)> = vec![
        (
            "ordinary fields",
            document(&repeat(
                "    <isPkceRequired>true</isPkceRequired>\n",
                size - 40,
            )),
        ),
        (
            "self-closing elements",
            document(&repeat("<a/>", size - 40)),
        ),
        (
            "half-typed tags",
            document(&repeat("<guestJwt\n", size - 40)),
        ),
        ("tags without `>`", repeat("<a ", size)),
        ("unterminated double quotes", repeat("<a b=\"", size)),
        ("mixed unterminated quotes", repeat("<a b='\"", size)),
        ("bare `<`", repeat("<", size)),
        ("bare `< `", document(&repeat("< ", size - 40))),
        ("bare `&`", document(&repeat("&", size - 40))),
        ("unknown references", document(&repeat("&foo;", size - 40))),
        ("stray end tags", document(&repeat("</x>", size - 40))),
        ("mismatched pairs", document(&repeat("<a></b>", size - 40))),
        ("deep nesting", repeat("<a>", size)),
        (
            "many attributes",
            format!("<a {}/>", repeat("x=\"1\" ", size - 10)),
        ),
        (
            "distinct attributes",
            format!("<a {}/>", distinct_attributes(size - 10)),
        ),
        ("unclosed processing instructions", repeat("<?p ", size)),
        ("unclosed declarations", repeat("<?xml ", size)),
        ("unclosed DOCTYPEs", repeat("<!DOCTYPE ", size)),
        ("bogus `<!`", repeat("<!x", size)),
        ("comments", document(&repeat("<!-- c -->", size - 40))),
        (
            "merge markers",
            document(&repeat("<<<<<<< HEAD\n", size - 40)),
        ),
        ("one long text", document(&repeat("text ", size - 40))),
        ("multi-byte text", document(&repeat("日本語😀", size - 40))),
    ];
    let filter = std::env::args().nth(1).unwrap_or_default();
    for (name, text) in shapes
        .into_iter()
        .filter(|(name, _)| name.contains(&filter))
    {
        let started = Instant::now();
        let parse = eca_syntax::parse(&text);
        let elapsed = started.elapsed();
        println!(
            "{name:>34}: {:>5} ms, {:>8} elements, {:>8} errors",
            elapsed.as_millis(),
            parse.document.element_count(),
            parse.errors.len()
        );
    }
}

fn document(body: &str) -> String {
    format!("<?xml version=\"1.0\"?>\n<Root>\n{body}</Root>\n")
}

fn repeat(piece: &str, size: usize) -> String {
    piece.repeat(size / piece.len())
}

fn distinct_attributes(size: usize) -> String {
    let mut out = String::new();
    let mut index = 0;
    while out.len() < size - 20 {
        out.push_str(&format!("x{index}=\"1\" "));
        index += 1;
    }
    out
}
