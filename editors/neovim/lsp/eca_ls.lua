-- eca-ls for Neovim 0.11+: `vim.lsp.enable('eca_ls')` starts it on External Client App
-- metadata files. Override any field with `vim.lsp.config('eca_ls', { ... })`, e.g.
-- `cmd = { '/path/to/eca-ls' }` or `settings = { ecaLs = { apiVersion = '65.0', profile = 'strict' } }`
-- (`profile = 'strict'` adds the security posture checks, ECA-POSTURE-…).
--
-- `filetypes` is the broad gate (XML) and `root_dir` the narrow one: it declines every buffer
-- whose name is not an ECA file name, so other XML files never start the server.
return require('eca_ls').lsp_config()
