//! One module per subcommand.

pub mod analyze;
pub mod cluster;
pub mod dates;
pub mod extract;
pub mod quotes;
pub mod store;
