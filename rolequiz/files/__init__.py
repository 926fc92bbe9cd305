"""The files a person keeps: progress profiles, gap reports, and the lock that guards a profile.

Every write is atomic (temporary file, fsync, rename); every file is versioned TOML."""
