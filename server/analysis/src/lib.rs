//! Pure analysis of External Client App metadata.
