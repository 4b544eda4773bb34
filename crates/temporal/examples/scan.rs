//! Prints the temporal expressions of files: `cargo run -p parallax-temporal --example scan -- DCT FILE...`.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dct = parallax_temporal::parse_dct(&args[0]);
    for f in &args[1..] {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        println!("== {f}");
        for e in parallax_temporal::find_dates(&text, dct) {
            println!(
                "{:<28} {:<12} {:?} fut={} {}{}",
                e.text,
                e.value.unwrap_or_default(),
                e.kind,
                e.future,
                e.evidence,
                e.error.map(|x| format!(" ERROR {x}")).unwrap_or_default()
            );
        }
    }
}
