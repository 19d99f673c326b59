//! eca-ls: the command-line checker and the language server.
