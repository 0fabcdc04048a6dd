use fitparser::de::{DecodeOption, FitObject, FitStreamProcessor};
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&a[1]).unwrap();
    let mut p = FitStreamProcessor::new();
    p.add_option(DecodeOption::KeepCompositeFields);
    let mut rest = &bytes[..];
    let mut n = 0;
    while !rest.is_empty() {
        let (r, o) = match p.deserialize_next(rest) {
            Ok(x) => x,
            Err(e) => {
                println!("{e}");
                break;
            }
        };
        if let FitObject::DataMessage(m) = o {
            let rec = p.decode_message(m).unwrap();
            if rec.kind().to_string() == a[2] {
                n += 1;
                if n < 6 || n % 200 == 0 {
                    println!(
                        "{:?}",
                        rec.fields()
                            .iter()
                            .map(|f| format!("{}={:?}", f.name(), f.value()))
                            .collect::<Vec<_>>()
                    );
                }
            }
        }
        rest = r;
    }
}
