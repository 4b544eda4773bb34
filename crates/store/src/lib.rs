//! Persistent storage: the Store trait and its SQLite backend.
