-- Writing from Neovim: `:EcaLs new NAME FLOW…` asks each value the server needs with
-- `vim.ui.input`, writes the files the server sends as one workspace edit and opens the header;
-- the `source.fixAll.eca-ls` action applies the safe fixes of a buffer; *Configure this app for
-- …* is offered for the flows that are not ready; what the server leaves to the user (the
-- package.xml entries to add, a recommended change held back) reaches `:messages` after `:EcaLs
-- new` and after a *Configure this app for …* action's edit; a Connected App file gets the client and
-- *Migrate to an External Client App*. Each test works in a project of its own in a temporary
-- folder, never in the shared fixture.
local t = require('helpers')

vim.lsp.config('eca_ls', { cmd = { t.binary } })
vim.lsp.enable('eca_ls')

t.test(':EcaLs new asks for each value, writes the files and opens the header', function()
  local asked = {}
  local input = vim.ui.input
  vim.ui.input = function(options, on_confirm)
    table.insert(asked, options.prompt)
    on_confirm('Api, OpenID')
  end
  local ok, err = pcall(t.in_temporary_project, function(root)
    local answer
    require('eca_ls.new_app').run('Device_App', { 'device-flow' }, function(last)
      answer = last
    end)
    t.wait_for('the app to be created', function()
      return answer ~= nil
    end)
    t.eq('created', answer.status, vim.inspect(answer))
    t.eq(1, #asked, 'questions asked: ' .. vim.inspect(asked))
    t.truthy(asked[1]:find('OAuth scopes'), asked[1])
    local header = root .. '/force-app/main/default/externalClientApps/Device_App.eca-meta.xml'
    t.eq(header, vim.api.nvim_buf_get_name(0), 'the header is open')
    local global = root .. '/force-app/main/default/extlClntAppGlobalOauthSets/Device_App_glbloauth.ecaGlblOauth-meta.xml'
    t.contains(vim.fn.readfile(global), '    <isDeviceFlowEnabled>true</isDeviceFlowEnabled>', 'written on disk')
    local oauth = root .. '/force-app/main/default/extlClntAppOauthSettings/Device_App_oauth.ecaOauth-meta.xml'
    t.contains(vim.fn.readfile(oauth), '    <commaSeparatedOauthScopes>Api, OpenID</commaSeparatedOauthScopes>', 'the scopes')
  end)
  vim.ui.input = input
  assert(ok, err)
end)

t.test(':EcaLs new where no package.xml may be created shows the entries to add', function()
  local input = vim.ui.input
  vim.ui.input = function(_, on_confirm)
    on_confirm('Api')
  end
  local ok, err = pcall(t.in_temporary_project, function(root)
    -- A Metadata API format folder of other metadata without a manifest: one listing only the
    -- new app would leave the class out of a deploy, so none is created.
    vim.fn.delete(root .. '/sfdx-project.json')
    t.write_file(root .. '/classes/Util.cls-meta.xml', {
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">',
      '    <apiVersion>64.0</apiVersion>',
      '    <status>Active</status>',
      '</ApexClass>',
    })
    vim.cmd('messages clear')
    local answer
    require('eca_ls.new_app').run('Device_App', { 'device-flow' }, function(last)
      answer = last
    end)
    t.wait_for('the app to be created', function()
      return answer ~= nil
    end)
    t.eq('created', answer.status, vim.inspect(answer))
    t.eq(1, vim.fn.filereadable(root .. '/externalClientApps/Device_App.eca'), 'the header is written')
    t.eq(0, vim.fn.filereadable(root .. '/package.xml'), 'no manifest is created')
    -- The server's window/showMessage, which Neovim echoes into the message history.
    local note = 'LSP[eca_ls][Info] package.xml was not created: its folder holds other metadata too (`classes`)'
    t.wait_for('the note in :messages', function()
      return vim.fn.execute('messages'):find(note, 1, true) ~= nil
    end)
    local messages = vim.fn.execute('messages')
    t.truthy(
      messages:find('add these to the manifest you deploy with: ExternalClientApplication Device_App, ', 1, true),
      messages
    )
  end)
  vim.ui.input = input
  assert(ok, err)
end)

t.test(':EcaLs new with a bad name says which rule it breaks and writes nothing', function()
  t.in_temporary_project(function(root)
    local answer
    require('eca_ls.new_app').run('Device App', { 'device-flow' }, function(last)
      answer = last
    end)
    t.wait_for('the answer', function()
      return answer ~= nil
    end)
    t.eq('invalidName', answer.status, vim.inspect(answer))
    t.truthy(answer.message:find('cannot include spaces'), answer.message)
    t.eq(0, vim.fn.isdirectory(root .. '/force-app'), 'nothing written')
  end)
end)

local POLICIES = {
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">',
  '    <label>Portal</label>',
  '    <externalClientApplication>Portal</externalClientApplication>',
  '    <ipRelaxationPolicyType>enforce</ipRelaxationPolicyType>',
  '</ExtlClntAppOauthConfigurablePolicies>',
}

t.test('the fix-all action applies the safe fixes of the buffer', function()
  t.in_temporary_project(function(root)
    local path = root .. '/force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml'
    t.write_file(path, POLICIES)
    vim.cmd.edit(vim.fn.fnameescape(path))
    local bufnr = vim.api.nvim_get_current_buf()
    t.wait_for_client(bufnr)
    t.wait_for_diagnostic(bufnr, 'invalid-value')
    vim.lsp.buf.code_action({ context = { only = { 'source.fixAll.eca-ls' }, diagnostics = {} }, apply = true })
    t.wait_for('the fixes in the buffer', function()
      return vim.tbl_contains(t.lines(bufnr), '    <ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType>')
    end)
    t.eq({
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">',
      '    <externalClientApplication>Portal</externalClientApplication>',
      '    <ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType>',
      '    <label>Portal</label>',
      '</ExtlClntAppOauthConfigurablePolicies>',
    }, t.lines(bufnr), 'sorted and the case slip fixed')
  end)
end)

t.test('Configure this app for … is offered for each flow that is not ready', function()
  t.in_temporary_project(function(root)
    local path = root .. '/force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml'
    t.write_file(path, POLICIES)
    vim.cmd.edit(vim.fn.fnameescape(path))
    local bufnr = vim.api.nvim_get_current_buf()
    local result = t.request(bufnr, 'textDocument/codeAction', {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } },
      context = { diagnostics = {}, only = { 'refactor' }, triggerKind = 1 },
    })
    local titles = {}
    for _, action in ipairs(result or {}) do
      table.insert(titles, action.title)
    end
    t.contains(titles, 'Configure this app for the Device flow', 'offered: ' .. vim.inspect(titles))
  end)
end)

t.test('Configure this app for … says after its edit which recommended change it held back', function()
  t.in_temporary_project(function(root)
    local base = root .. '/force-app/main/default'
    local header = base .. '/externalClientApps/Portal.eca-meta.xml'
    t.write_file(header, {
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">',
      '    <distributionState>Local</distributionState>',
      '    <label>Portal</label>',
      '</ExternalClientApplication>',
    })
    -- PKCE off: turning it on for the web server flow would refuse the current clients.
    t.write_file(base .. '/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml', {
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">',
      '    <callbackUrl>https://portal.example.com/callback</callbackUrl>',
      '    <externalClientApplication>Portal</externalClientApplication>',
      '    <isPkceRequired>false</isPkceRequired>',
      '    <label>Portal</label>',
      '</ExtlClntAppGlobalOauthSettings>',
    })
    t.write_file(base .. '/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml', {
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">',
      '    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>',
      '    <externalClientApplication>Portal</externalClientApplication>',
      '    <label>Portal</label>',
      '</ExtlClntAppOauthSettings>',
    })
    vim.cmd.edit(vim.fn.fnameescape(header))
    local bufnr = vim.api.nvim_get_current_buf()
    t.wait_for_client(bufnr)
    vim.cmd('messages clear')
    local title = 'Configure this app for the Web server flow (authorization code)'
    vim.lsp.buf.code_action({
      context = { diagnostics = {}, only = { 'refactor' } },
      filter = function(action)
        return action.title == title
      end,
      apply = true,
    })
    -- The edit creates the plugin policies; then Neovim runs the action's command on the
    -- server, whose window/showMessage Neovim echoes.
    local policies = base .. '/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml'
    t.wait_for('the plugin policies created by the edit', function()
      return vim.fn.bufexists(policies) == 1
    end)
    local note = 'LSP[eca_ls][Info] not changed (recommended): `isPkceRequired` = `true` in force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml (for web-server): it takes access away: clients that do not send a PKCE code challenge are refused; run `eca-ls configure Portal --flow web-server --allow-access-change` in a terminal to make it'
    t.wait_for('the note in :messages', function()
      return vim.fn.execute('messages'):find(note, 1, true) ~= nil
    end)
  end)
end)

t.test('a Connected App file gets a client in both formats, and Migrate to an External Client App is offered', function()
  t.in_temporary_project(function(root)
    local connected_app = {
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<ConnectedApp xmlns="http://soap.sforce.com/2006/04/metadata">',
      '    <contactEmail>admin@example.com</contactEmail>',
      '    <label>Portal</label>',
      '</ConnectedApp>',
    }
    local source = root .. '/force-app/main/default/connectedApps/Portal.connectedApp-meta.xml'
    local mdapi = root .. '/mdapi/connectedApps/Legacy.connectedApp'
    for _, path in ipairs({ source, mdapi }) do
      t.write_file(path, connected_app)
    end
    vim.cmd.edit(vim.fn.fnameescape(mdapi))
    local mdapi_buffer = vim.api.nvim_get_current_buf()
    t.eq('xml', vim.bo[mdapi_buffer].filetype, 'filetype of the Metadata API form')
    local mdapi_client = t.wait_for_client(mdapi_buffer)
    vim.cmd.edit(vim.fn.fnameescape(source))
    local bufnr = vim.api.nvim_get_current_buf()
    t.eq(mdapi_client.id, t.wait_for_client(bufnr).id, 'one client for both forms')
    t.wait_for_diagnostic(bufnr, 'connected-app')
    local result = t.request(bufnr, 'textDocument/codeAction', {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      range = { start = { line = 1, character = 1 }, ['end'] = { line = 1, character = 1 } },
      context = { diagnostics = {}, only = { 'refactor' }, triggerKind = 1 },
    })
    local titles = {}
    for _, action in ipairs(result or {}) do
      table.insert(titles, action.title)
    end
    t.contains(titles, 'Migrate to an External Client App', 'offered: ' .. vim.inspect(titles))
  end)
end)
