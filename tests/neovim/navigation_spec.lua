-- Navigation as a Neovim user meets it with `vim.lsp.enable('eca_ls')`: the flows' code lens on
-- an app's header (shown by `vim.lsp.codelens.refresh()`, run by `vim.lsp.codelens.run()`, which
-- opens the flow readiness window), `vim.lsp.buf.workspace_symbol()` over the project, and the
-- diagnostics: pulled for buffers, pushed for the files of the project never opened.
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
  t.truthy(not client:is_stopped(), 'the client is still running')
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

--- The diagnostics with `code` on `bufnr` in the namespace of pulled diagnostics.
local function pulled(bufnr, client, code)
  local namespace = vim.lsp.diagnostic.get_namespace(client.id, true)
  return vim.tbl_filter(function(diagnostic)
    return diagnostic.code == code
  end, vim.diagnostic.get(bufnr, { namespace = namespace }))
end

t.test('diagnostics are pulled, and a fix in another file clears them through a refresh', function()
  local seen = #t.notifications
  local policies = t.open(t.paths.policies)
  local client = t.wait_for_client(policies)
  t.truthy(client.server_capabilities.diagnosticProvider, 'the server offers pull diagnostics to Neovim')
  local line = t.line_of(policies, '<isGuestCodeCredFlowEnabled>')
  vim.api.nvim_buf_set_lines(policies, line, line + 1, false, { '    <isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>' })
  t.wait_for('ECA-JWT-001 pulled for the policies buffer', function()
    return #pulled(policies, client, 'ECA-JWT-001') > 0
  end)
  local push_namespace = vim.lsp.diagnostic.get_namespace(client.id, false)
  -- The server pushes files not open in a buffer; an open one's push is cleared.
  t.wait_for('nothing pushed for the open buffer', function()
    return #vim.diagnostic.get(policies, { namespace = push_namespace }) == 0
  end)

  -- The fix lives in the global OAuth settings: the policies buffer is not edited, so only
  -- the server's refresh makes Neovim pull it again.
  local global_lines = t.disk_lines(t.paths.global)
  local global = t.open(t.paths.global)
  t.wait_for_client(global)
  local jwt = t.line_of(global, '<isNamedUserJwtEnabled>')
  vim.api.nvim_buf_set_lines(global, jwt, jwt + 1, false, { '    <isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>' })
  t.wait_for('ECA-JWT-001 to leave the policies buffer', function()
    return #pulled(policies, client, 'ECA-JWT-001') == 0
  end)
  for _, message in ipairs(t.notifications_after(seen)) do
    t.truthy(not message:find('no handler', 1, true), 'no missing handler: ' .. message)
  end
  -- Leave both buffers as on disk for the tests that follow.
  vim.api.nvim_buf_set_lines(global, 0, -1, false, global_lines)
  vim.api.nvim_buf_set_lines(policies, 0, -1, false, t.disk_lines(t.paths.policies))
end)

t.test('a file never opened shows its findings, and opening it hands them to the pull once', function()
  t.in_temporary_project(function(root)
    local default = root .. '/force-app/main/default'
    local header = default .. '/externalClientApps/Portal.eca-meta.xml'
    local policies = default .. '/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml'
    t.write_file(header, {
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">',
      '    <contactEmail>admin@example.com</contactEmail>',
      '    <distributionState>Local</distributionState>',
      '    <isProtected>false</isProtected>',
      '    <label>Portal</label>',
      '</ExternalClientApplication>',
    })
    t.write_file(policies, {
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">',
      '    <externalClientApplication>Portal</externalClientApplication>',
      '    <ipRelaxationPolicyType>Sometimes</ipRelaxationPolicyType>',
      '    <label>Portal</label>',
      '</ExtlClntAppOauthConfigurablePolicies>',
    })
    vim.cmd.edit(vim.fn.fnameescape(header))
    local client = t.wait_for_client(vim.api.nvim_get_current_buf())
    -- Never opened: Neovim has no buffer loaded for it and never pulls it.
    local unopened = vim.fn.bufadd(policies)
    t.eq(0, vim.fn.bufloaded(unopened), 'the policies file is not loaded')
    local finding = t.wait_for_diagnostic(unopened, 'invalid-value')
    t.eq(3, finding.lnum, 'on the line of the bad value')
    t.eq(0, vim.fn.bufloaded(unopened), 'still not loaded')

    -- Opened: its pull shows the finding, and the pushed copy is withdrawn.
    vim.cmd.edit(vim.fn.fnameescape(policies))
    local bufnr = vim.api.nvim_get_current_buf()
    t.eq(unopened, bufnr, 'the same buffer')
    t.wait_for_client(bufnr)
    local push_namespace = vim.lsp.diagnostic.get_namespace(client.id, false)
    t.wait_for('the finding pulled and no longer pushed', function()
      return #pulled(bufnr, client, 'invalid-value') == 1
        and #vim.diagnostic.get(bufnr, { namespace = push_namespace }) == 0
    end)
    local shown = vim.tbl_filter(function(diagnostic)
      return diagnostic.code == 'invalid-value'
    end, vim.diagnostic.get(bufnr))
    t.eq(1, #shown, 'shown once: ' .. vim.inspect(shown))
  end)
end)
