-- The Neovim 0.11+ way: `lsp/eca_ls.lua` found on the runtimepath, a configured binary path,
-- settings given as `settings`, `vim.lsp.enable('eca_ls')`. Then what a person sees: the client
-- on ECA files only, completion, hover, diagnostics with their codes, quick fixes that change
-- the buffer, the `:EcaLs` windows and the health check.
local t = require('helpers')

vim.lsp.config('eca_ls', {
  cmd = { t.binary },
  settings = { ecaLs = { profile = 'strict', rules = { ['ECA-JWT-GUEST-OMIT'] = 'error' } } },
})
vim.lsp.enable('eca_ls')

t.test('an ECA file opens as xml and gets a client rooted at the sfdx project', function()
  local bufnr = t.open(t.paths.policies)
  t.eq('xml', vim.bo[bufnr].filetype, 'filetype')
  local client = t.wait_for_client(bufnr)
  t.eq(t.fixture, client.root_dir, 'root_dir')
  t.eq(t.binary, client.config.cmd[1], 'the configured binary')
end)

t.test('a Metadata API file (.ecaOauthPlcy) opens as xml and gets the same client', function()
  local policies = t.wait_for_client(t.open(t.paths.policies))
  local bufnr = t.open(t.paths.mdapi_policies)
  t.eq('xml', vim.bo[bufnr].filetype, 'filetype')
  t.eq(policies.id, t.wait_for_client(bufnr).id, 'one client per project')
end)

t.test('a non-ECA XML file of the project gets no client', function()
  local package_xml = t.open(t.paths.package_xml)
  t.eq('xml', vim.bo[package_xml].filetype, 'filetype')
  -- Attaching is scheduled in the order buffers are opened: once a file opened after
  -- package.xml has its client, package.xml would have had its own by then.
  t.wait_for_client(t.open(t.paths.header))
  t.eq({}, t.clients(package_xml), 'clients on manifest/package.xml')
end)

t.test('completion on an empty line inside the root offers the missing fields', function()
  local bufnr = t.open(t.paths.policies)
  local client = t.wait_for_client(bufnr)
  local line = t.line_of(bufnr, '<externalClientApplication>') + 1
  vim.api.nvim_buf_set_lines(bufnr, line, line, false, { '' })
  local labels = t.completion_labels(bufnr, t.position(bufnr, client, line, 0))
  t.contains(labels, 'guestJwtSessionTimeoutType', 'completion labels')
  t.not_contains(labels, 'externalClientApplication', 'a field the file already has')
  t.not_contains(labels, 'callbackUrl', 'a field of the global OAuth settings')
end)

t.test('completion inside guestJwtSessionTimeoutType offers exactly UserSession and Custom', function()
  local bufnr = t.open(t.paths.policies)
  local client = t.wait_for_client(bufnr)
  local line = t.line_of(bufnr, '<externalClientApplication>') + 1
  local opening = '    <guestJwtSessionTimeoutType>'
  vim.api.nvim_buf_set_lines(bufnr, line, line, false, { opening .. '</guestJwtSessionTimeoutType>' })
  local labels = t.completion_labels(bufnr, t.position(bufnr, client, line, #opening))
  t.eq({ 'Custom', 'UserSession' }, labels, 'value completion labels')
end)

t.test('a new, empty policies file gets a client, and its skeleton expands as a snippet', function()
  local path = 'force-app/main/default/extlClntAppOauthPolicies/New_App_oauthPlcy.ecaOauthPlcy-meta.xml'
  t.eq(0, vim.fn.filereadable(t.fixture_path(path)), 'the file does not exist')
  local bufnr = t.open(path)
  t.eq('xml', vim.bo[bufnr].filetype, 'filetype')
  local client = t.wait_for_client(bufnr)
  local result = t.request(bufnr, 'textDocument/completion', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = t.position(bufnr, client, 0, 0),
  })
  local items = result and (result.items or result) or {}
  local skeletons = vim.tbl_filter(function(item)
    return item.label:find('ExtlClntAppOauthConfigurablePolicies', 1, true) ~= nil
  end, items)
  t.eq(1, #skeletons, 'one skeleton among ' .. #items .. ' items')
  local skeleton = skeletons[1]
  local text = skeleton.textEdit and skeleton.textEdit.newText or skeleton.insertText or skeleton.label
  t.eq(vim.lsp.protocol.InsertTextFormat.Snippet, skeleton.insertTextFormat, 'a snippet')
  vim.snippet.expand(text)
  t.eq({
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">',
    '    <externalClientApplication>New_App</externalClientApplication>',
    '</ExtlClntAppOauthConfigurablePolicies>',
  }, t.lines(bufnr), 'the buffer after the skeleton')
  vim.snippet.stop()
  vim.cmd('stopinsert')
  vim.bo[bufnr].modified = false
end)

t.test('hover on isCodeCredFlowEnabled explains the Authorization Code and Credentials Flow', function()
  local bufnr = t.open(t.paths.global)
  local client = t.wait_for_client(bufnr)
  local line = t.line_of(bufnr, '<isCodeCredFlowEnabled>')
  local column = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1]:find('isCodeCredFlowEnabled', 1, true) + 2
  local result = t.request(bufnr, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = t.position(bufnr, client, line, column),
  })
  local text = t.hover_text(result):gsub('%s+', ' ')
  t.truthy(
    text:find('Authorization Code and Credentials Flow', 1, true),
    'the hover text mentions the flow: ' .. text
  )
end)

t.test('a timeout the timeout type ignores is an error (settings passed through) and its fix removes it', function()
  local bufnr = t.open(t.paths.policies)
  t.wait_for_client(bufnr)
  local original = t.lines(bufnr)
  local line = t.line_of(bufnr, '<externalClientApplication>') + 1
  local type_line = '    <guestJwtSessionTimeoutType>UserSession</guestJwtSessionTimeoutType>'
  vim.api.nvim_buf_set_lines(bufnr, line, line, false, { type_line, '    <guestJwtTimeout>30</guestJwtTimeout>' })

  local diagnostic = t.wait_for_diagnostic(bufnr, 'ECA-JWT-GUEST-OMIT')
  t.eq(vim.diagnostic.severity.ERROR, diagnostic.severity, 'severity set to error through the settings')
  t.eq(line + 1, diagnostic.lnum, 'the diagnostic is on the guestJwtTimeout line')

  local actions = t.code_actions_for(bufnr, diagnostic)
  local preferred = vim.tbl_filter(function(action)
    return action.isPreferred
  end, actions)
  t.eq(1, #preferred, 'one preferred quick fix among ' .. #actions .. ' actions')
  t.apply_code_action(bufnr, preferred[1])
  t.eq(t.splice(original, line + 1, line, { type_line }), t.lines(bufnr), 'the buffer after the fix')
  t.wait_for_no_diagnostic(bufnr, 'ECA-JWT-GUEST-OMIT')
end)

t.test('the strict profile (settings passed through) adds the posture checks', function()
  local bufnr = t.open(t.paths.global)
  t.wait_for_client(bufnr)
  local diagnostic = t.wait_for_diagnostic(bufnr, 'ECA-POSTURE-017')
  t.eq(vim.diagnostic.severity.WARN, diagnostic.severity, 'a posture check is a warning')
end)

t.test('the guest flow without JWT tokens is flagged across files and its fix edits the global settings', function()
  local global_lines = t.disk_lines(t.paths.global)
  local bufnr = t.open(t.paths.policies)
  t.wait_for_client(bufnr)
  local line = t.line_of(bufnr, '<isGuestCodeCredFlowEnabled>')
  vim.api.nvim_buf_set_lines(bufnr, line, line + 1, false, { '    <isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>' })

  local diagnostic = t.wait_for_diagnostic(bufnr, 'ECA-JWT-001')
  t.eq(vim.diagnostic.severity.WARN, diagnostic.severity, 'default severity')
  t.eq(line, diagnostic.lnum, 'the diagnostic is on the isGuestCodeCredFlowEnabled line')

  local preferred = vim.tbl_filter(function(action)
    return action.isPreferred
  end, t.code_actions_for(bufnr, diagnostic))
  t.eq(1, #preferred, 'one preferred quick fix')
  t.apply_code_action(bufnr, preferred[1])

  local global = vim.fn.bufnr(t.fixture_path(t.paths.global))
  t.truthy(global > 0, 'the global OAuth settings are loaded in a buffer')
  local jwt_line
  for index, text in ipairs(global_lines) do
    if text:find('<isNamedUserJwtEnabled>', 1, true) then
      jwt_line = index
    end
  end
  t.eq(
    t.splice(global_lines, jwt_line, jwt_line, { '    <isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>' }),
    t.lines(global),
    'the global OAuth settings after the fix'
  )
  t.wait_for_no_diagnostic(bufnr, 'ECA-JWT-001')
  -- Leave the global settings as on disk for the tests that follow.
  vim.api.nvim_buf_set_lines(global, 0, -1, false, global_lines)
end)

--- Run an `:EcaLs` command and wait for a floating window whose text contains `expected`;
--- fail at once with the message the command shows instead (an error from the server).
local function ecals_float(subcommand, expected)
  t.close_floats()
  local seen = #t.notifications
  vim.cmd('EcaLs ' .. subcommand)
  local found = t.wait_for(('a floating window with %q after :EcaLs %s'):format(expected, subcommand), function()
    local messages = t.notifications_after(seen)
    if #messages > 0 then
      return { message = table.concat(messages, '\n') }
    end
    for _, text in ipairs(t.floating_texts()) do
      if text:find(expected, 1, true) then
        return { text = text }
      end
    end
  end)
  t.close_floats()
  if found.message then
    t.fail((':EcaLs %s showed a message instead of a window: %s'):format(subcommand, found.message))
  end
  return found.text
end

t.test(':EcaLs status shows the type, API version and app of the file in a floating window', function()
  t.wait_for_client(t.open(t.paths.policies))
  local text = ecals_float('status', 'ExtlClntAppOauthConfigurablePolicies')
  t.truthy(text:find('66.0', 1, true), 'the API version of sfdx-project.json:\n' .. text)
  t.truthy(text:find('Fixture_App', 1, true), 'the app:\n' .. text)
end)

t.test(':EcaLs flows shows what each flow of the app still needs, from the unsaved buffers', function()
  local bufnr = t.open(t.paths.policies)
  t.wait_for_client(bufnr)
  local text = ecals_float('flows', 'Fixture_App')
  -- The global OAuth settings switch the flow on; the fixture has everything it needs.
  t.truthy(text:find('Authorization Code and Credentials Flow', 1, true), 'the flow:\n' .. text)
  t.truthy(not text:find('incomplete', 1, true), 'no flow is incomplete:\n' .. text)

  local line = t.line_of(bufnr, '<isGuestCodeCredFlowEnabled>')
  vim.api.nvim_buf_set_lines(bufnr, line, line + 1, false, { '    <isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>' })
  text = ecals_float('flows', 'incomplete')
  local jwt_line
  for index, global_line in ipairs(t.disk_lines(t.paths.global)) do
    if global_line:find('<isNamedUserJwtEnabled>', 1, true) then
      jwt_line = index
    end
  end
  t.truthy(
    text:find(('`isNamedUserJwtEnabled` = `true` in [^\n]*Fixture_App_glbloauth%%.ecaGlblOauth%%-meta%%.xml:%d'):format(jwt_line)),
    'the guest flow needs JWT-based tokens, in the global OAuth settings:\n' .. text
  )
end)

t.test(':checkhealth eca_ls reports the binary, its version and the running client', function()
  t.wait_for_client(t.open(t.paths.policies))
  local report = table.concat(t.checkhealth_lines(), '\n')
  t.truthy(report:find('eca-ls binary', 1, true), 'a binary section:\n' .. report)
  t.truthy(report:find(t.binary, 1, true), 'the binary path:\n' .. report)
  t.truthy(report:find('version: eca%-ls %d+%.%d+%.%d+'), 'the version:\n' .. report)
  t.truthy(report:find("vim.lsp.enable('eca_ls') is in effect", 1, true), 'the enabled config:\n' .. report)
  t.truthy(report:find('client %d+, root ' .. vim.pesc(t.fixture)), 'the client and its root:\n' .. report)
  t.truthy(not report:find('ERROR', 1, true), 'no error in the report:\n' .. report)
end)
