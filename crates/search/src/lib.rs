//! Full-text search over stored articles (tantivy).
