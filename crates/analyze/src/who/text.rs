//! Text structure comes from `parallax-annotate`, the one place where text is tokenised.
pub use parallax_annotate::split::*;
