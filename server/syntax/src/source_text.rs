//! The text of one file, shared by the tree parsed from it and by whoever else keeps it, so that
//! a tree can hand out its names and values as slices without a copy of the file.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// Immutable, cheaply cloned file text (`Arc<String>` inside: made from a `String` without
/// copying it). [`SourceText::make_mut`] edits it in place when nothing else holds it.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceText(Arc<String>);

impl SourceText {
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The text to edit: in place when this is the only holder, otherwise a copy (which this
    /// value then holds).
    pub fn make_mut(&mut self) -> &mut String {
        Arc::make_mut(&mut self.0)
    }

    /// Whether `self` and `other` are the same buffer (not only equal text).
    pub fn shares_buffer_with(&self, other: &SourceText) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for SourceText {
    type Target = str;

    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for SourceText {
    fn as_ref(&self) -> &str {
        self
    }
}

impl Borrow<str> for SourceText {
    fn borrow(&self) -> &str {
        self
    }
}

impl From<String> for SourceText {
    fn from(text: String) -> SourceText {
        SourceText(Arc::new(text))
    }
}

impl From<&str> for SourceText {
    fn from(text: &str) -> SourceText {
        SourceText(Arc::new(text.to_string()))
    }
}

impl From<&String> for SourceText {
    fn from(text: &String) -> SourceText {
        SourceText::from(text.as_str())
    }
}

impl From<&SourceText> for SourceText {
    fn from(text: &SourceText) -> SourceText {
        text.clone()
    }
}

impl From<SourceText> for String {
    fn from(text: SourceText) -> String {
        Arc::try_unwrap(text.0).unwrap_or_else(|shared| shared.as_ref().clone())
    }
}

impl PartialEq<str> for SourceText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SourceText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SourceText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl fmt::Debug for SourceText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SourceText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}
