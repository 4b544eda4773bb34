//! The JSON output validates against the documented schema (schema/analysis.schema.json),
//! and the schema rejects output that breaks it (so this test can fail).

use std::path::Path;

fn schema() -> serde_json::Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/analysis.schema.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

#[test]
fn seeds_output_validates_against_schema() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds");
    let out = parallax_pipeline::analyze_paths(&[seeds], &parallax_pipeline::no_progress);
    let json = serde_json::to_value(&out).unwrap();
    let validator = jsonschema::validator_for(&schema()).expect("schema compiles");
    let errors: Vec<String> = validator.iter_errors(&json).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "schema errors: {errors:#?}");
}

#[test]
fn schema_rejects_broken_output() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let bad = serde_json::json!({"schema_version": 2, "stories": [{"story": {}}]});
    assert!(!validator.is_valid(&bad));
    let ok = serde_json::json!({"schema_version": 1, "stories": []});
    assert!(validator.is_valid(&ok));
}
