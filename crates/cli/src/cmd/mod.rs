//! One module per subcommand.

pub mod analyze;
pub mod cluster;
pub mod dates;
pub mod db;
pub mod extract;
pub mod queue;
pub mod quotes;
pub mod store;
pub mod watch;
