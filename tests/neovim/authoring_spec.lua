-- Writing from Neovim: `:EcaLs new NAME FLOW…` asks each value the server needs with
-- `vim.ui.input`, writes the files the server sends as one workspace edit and opens the header;
-- the `source.fixAll.eca-ls` action applies the safe fixes of a buffer; *Configure this app for
-- …* is offered for the flows that are not ready; a Connected App file gets the client and
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
