//! Explicit publication dates in dumps (meta::find_explicit_dates) and what is not one.

use parallax_extract::meta::{find_explicit_dates, parse_explicit_date};

#[test]
fn explicit_forms() {
    for (s, want) in [
        ("Apr 22, 2025", "2025-04-22"),
        ("date 2025-04-22 Military Space News", "2025-04-22"),
        ("April 18, 2025", "2025-04-18"),
        ("22 April 2025", "2025-04-22"),
        ("Tuesday 22nd of April, 2025", "2025-04-22"),
        ("Published: 2025-04-22T10:15:00Z", "2025-04-22"),
        ("Updated 10:45 BST, 3 Sept 2024", "2024-09-03"),
        ("Washington DC (UPI) Apr 22, 2025", "2025-04-22"),
    ] {
        assert_eq!(parse_explicit_date(s).as_deref(), Some(want), "{s}");
    }
}

#[test]
fn partial_or_impossible_dates_are_not_dates() {
    for s in ["tomorrow, on April 23", "Thursday 23 April", "in February 2022", "2025-02-30", "on Monday", "May 2025"] {
        assert!(parse_explicit_date(s).is_none(), "{s}");
    }
}

#[test]
fn spans_point_at_the_match() {
    let s = "Filed Apr 22, 2025 and updated 23 April 2025.";
    let found = find_explicit_dates(s);
    assert_eq!(found.len(), 2);
    assert_eq!(&s[found[0].span.clone()], "Apr 22, 2025");
    assert_eq!(&s[found[1].span.clone()], "23 April 2025");
}
