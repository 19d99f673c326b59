-- Navigation as a Neovim user meets it with `vim.lsp.enable('eca_ls')`: the flows' code lens on
-- an app's header (shown by `vim.lsp.codelens.refresh()`, run by `vim.lsp.codelens.run()`, which
-- opens the flow readiness window), and `vim.lsp.buf.workspace_symbol()` over the project.
local t = require('helpers')

vim.lsp.config('eca_ls', { cmd = { t.binary } })
vim.lsp.enable('eca_ls')

t.test('the code lens on the header sums up the flows and opens the flow readiness window', function()
  local bufnr = t.open(t.paths.header)
  local client = t.wait_for_client(bufnr)
  local lens = t.wait_for('a code lens on the header', function()
    vim.lsp.codelens.refresh({ bufnr = bufnr })
    local lenses = vim.lsp.codelens.get(bufnr)
    return lenses[1] and lenses[1].command and lenses[1]
  end)
  t.eq(t.line_of(bufnr, '<ExternalClientApplication'), lens.range.start.line, 'the lens is on the root element')
  t.eq('ecaLs.showFlows', lens.command.command)
  t.truthy(lens.command.title == 'all 6 flows ready', 'the title: ' .. lens.command.title)

  t.close_floats()
  local seen = #t.notifications
  vim.api.nvim_win_set_cursor(0, { lens.range.start.line + 1, 0 })
  vim.lsp.codelens.run()
  local text = t.wait_for('the flow readiness window', function()
    local messages = t.notifications_after(seen)
    if #messages > 0 then
      t.fail('running the lens showed a message instead of a window: ' .. table.concat(messages, '\n'))
    end
    for _, shown in ipairs(t.floating_texts()) do
      if shown:find('flow readiness', 1, true) then
        return shown
      end
    end
  end)
  t.close_floats()
  t.truthy(text:find('Fixture_App', 1, true), 'the app:\n' .. text)
  t.truthy(client.id, 'the client is still there')
end)

t.test('workspace symbols find the app and its files by fuzzy name', function()
  local bufnr = t.open(t.paths.header)
  t.wait_for_client(bufnr)
  local result = t.request(bufnr, 'workspace/symbol', { query = 'fapop' })
  local names = {}
  for _, symbol in ipairs(result or {}) do
    table.insert(names, symbol.name)
  end
  t.eq({ 'Fixture_App_oauthPlcy' }, names)
end)
