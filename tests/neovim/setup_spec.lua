-- The `require('eca_ls').setup()` way, as on Neovim 0.9/0.10 (run here on 0.11+): the default
-- command found on PATH, settings given flat (without the `ecaLs` section), `vim.lsp.start` on
-- the ECA buffers only.
local t = require('helpers')

local package_xml_before_setup = t.open(t.paths.package_xml)
local policies_before_setup = t.open(t.paths.policies)

require('eca_ls').setup({
  settings = { rules = { ['ECA-JWT-GUEST-OMIT'] = 'hint' } },
  on_init = function(client)
    vim.g.eca_ls_user_on_init = client.id
  end,
})

t.test('eca-ls on PATH is the default command', function()
  t.eq(vim.uv.fs_realpath(t.binary), vim.uv.fs_realpath(vim.fn.exepath('eca-ls')), 'eca-ls on PATH')
end)

t.test('an ECA file opened before setup() gets a client', function()
  local client = t.wait_for_client(policies_before_setup)
  t.eq(t.fixture, client.root_dir, 'root_dir')
  t.eq({ 'eca-ls' }, client.config.cmd, 'the default command')
end)

t.test('an ECA file opened after setup() gets the same client; a non-ECA XML file none', function()
  local first = t.wait_for_client(policies_before_setup)
  local package_xml = t.open(t.paths.package_xml)
  local header = t.open(t.paths.header)
  t.eq(first.id, t.wait_for_client(header).id, 'one client per project')
  t.eq({}, t.clients(package_xml), 'clients on manifest/package.xml')
  t.eq(package_xml_before_setup, package_xml, 'the same package.xml buffer as before setup()')
end)

t.test('flat settings reach the server: the rule is downgraded to a hint', function()
  local bufnr = t.open(t.paths.policies)
  t.wait_for_client(bufnr)
  local line = t.line_of(bufnr, '<externalClientApplication>') + 1
  vim.api.nvim_buf_set_lines(bufnr, line, line, false, {
    '    <guestJwtSessionTimeoutType>UserSession</guestJwtSessionTimeoutType>',
    '    <guestJwtTimeout>30</guestJwtTimeout>',
  })
  local diagnostic = t.wait_for_diagnostic(bufnr, 'ECA-JWT-GUEST-OMIT')
  t.eq(vim.diagnostic.severity.HINT, diagnostic.severity, 'severity set to hint through the settings')
end)

t.test("the user's on_init runs, and the plugin's: a format refusal is shown", function()
  local bufnr = t.open(t.paths.policies)
  local client = t.wait_for_client(bufnr)
  t.eq(client.id, vim.g.eca_ls_user_on_init, "the user's on_init ran")
  local line = t.line_of(bufnr, '<label>')
  vim.api.nvim_buf_set_lines(bufnr, line, line + 1, false, { '    <label>Broken</labl>' })
  local before = #t.notifications
  vim.lsp.buf.format({ bufnr = bufnr, timeout_ms = t.timeout })
  local shown = vim.tbl_filter(function(message)
    return message:find('not formatted: the file has a syntax error', 1, true) ~= nil
  end, t.notifications_after(before))
  t.eq(1, #shown, 'the reason, once: ' .. vim.inspect(t.notifications_after(before)))
  vim.api.nvim_buf_set_lines(bufnr, 0, -1, false, t.disk_lines(t.paths.policies))
end)

t.test(':checkhealth eca_ls finds the binary on PATH and lists the client', function()
  t.wait_for_client(t.open(t.paths.policies))
  local report = table.concat(t.checkhealth_lines(), '\n')
  t.truthy(report:find("found `eca-ls` (from the running client)", 1, true), 'the binary:\n' .. report)
  t.truthy(report:find('version: eca%-ls %d+%.%d+%.%d+'), 'the version:\n' .. report)
  t.truthy(report:find('client %d+, root ' .. vim.pesc(t.fixture)), 'the client and its root:\n' .. report)
  t.truthy(not report:find('ERROR', 1, true), 'no error in the report:\n' .. report)
end)
