-- Loaded at startup: ECA files in Metadata API format open as XML, and `:EcaLs` exists. The
-- server itself starts only through `vim.lsp.enable('eca_ls')` or `require('eca_ls').setup()`.
if vim.g.loaded_eca_ls then
  return
end
vim.g.loaded_eca_ls = true

require('eca_ls.files').add_filetypes()

vim.api.nvim_create_user_command('EcaLs', function(command)
  local subcommand = command.fargs[1]
  if subcommand == 'new' then
    local name = command.fargs[2]
    local flows = vim.list_slice(command.fargs, 3)
    if not name or #flows == 0 then
      vim.notify('eca-ls: usage: :EcaLs new NAME FLOW…  (flow ids such as code-credentials, headless-guest, web-server)', vim.log.levels.ERROR)
      return
    end
    require('eca_ls.new_app').run(name, flows)
    return
  end
  require('eca_ls').show(subcommand)
end, {
  nargs = '+',
  complete = function(_, line)
    local words = vim.split(line, '%s+', { trimempty = true })
    if #words <= 2 and not line:match('%s%S+%s') then
      return { 'flows', 'new', 'status' }
    end
    return {}
  end,
  desc = 'eca-ls: show the status or the flow readiness of the current file, or create a new app',
})
