-- Loaded at startup: ECA files in Metadata API format open as XML, and `:EcaLs` exists. The
-- server itself starts only through `vim.lsp.enable('eca_ls')` or `require('eca_ls').setup()`.
if vim.g.loaded_eca_ls then
  return
end
vim.g.loaded_eca_ls = true

require('eca_ls.files').add_filetypes()

vim.api.nvim_create_user_command('EcaLs', function(command)
  require('eca_ls').show(command.fargs[1])
end, {
  nargs = 1,
  complete = function()
    return { 'flows', 'status' }
  end,
  desc = 'eca-ls: show the status or the flow readiness of the current file',
})
