//! Tests of the embedded schema data: complete against the researched fact base, consistent
//! in itself, written in our own words, and looked up the way the analysis layer does.

mod completeness;
mod consistency;
mod evidence;
mod facts;
mod lookups;
mod migration;
mod own_words;
mod summary;
