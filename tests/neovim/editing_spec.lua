-- Editing from Neovim: `vim.lsp.buf.format()` formats an ECA buffer (and on save, through the
-- BufWritePre autocommand people write for that), `vim.lsp.buf.rename()` on an app's name renames
-- the app in every file and renames its files (the plugin declares the resource operations
-- Neovim applies), and the document highlights of an app's name. Each test works in a project of
-- its own in a temporary folder, never in the shared fixture.
local t = require('helpers')

vim.lsp.config('eca_ls', { cmd = { t.binary } })
vim.lsp.enable('eca_ls')

local UNFORMATTED = {
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">',
  '  <label>Portal</label>',
  '<!-- the app these policies belong to -->',
  '      <externalClientApplication>Portal</externalClientApplication>',
  '  <ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType>',
  '</ExtlClntAppOauthConfigurablePolicies>',
}

local FORMATTED = {
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">',
  '    <!-- the app these policies belong to -->',
  '    <externalClientApplication>Portal</externalClientApplication>',
  '    <ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType>',
  '    <label>Portal</label>',
  '</ExtlClntAppOauthConfigurablePolicies>',
}

t.test('vim.lsp.buf.format() formats an ECA buffer: canonical order, 4 spaces, comments kept', function()
  t.in_temporary_project(function(root)
    local path = root .. '/force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml'
    t.write_file(path, UNFORMATTED)
    vim.cmd.edit(vim.fn.fnameescape(path))
    local bufnr = vim.api.nvim_get_current_buf()
    t.wait_for_client(bufnr)
    -- Neovim sends the buffer's 'shiftwidth' and 'expandtab' as the formatting options.
    vim.bo[bufnr].shiftwidth = 4
    vim.bo[bufnr].expandtab = true
    vim.lsp.buf.format({ bufnr = bufnr, timeout_ms = t.timeout })
    t.eq(FORMATTED, t.lines(bufnr), 'the formatted buffer')
    -- Formatting formatted text changes nothing.
    vim.lsp.buf.format({ bufnr = bufnr, timeout_ms = t.timeout })
    t.eq(FORMATTED, t.lines(bufnr), 'formatted again')
  end)
end)

t.test('format on save (BufWritePre with vim.lsp.buf.format) writes the formatted file', function()
  local group = vim.api.nvim_create_augroup('eca_ls_format_on_save_test', { clear = true })
  local ok, err = pcall(t.in_temporary_project, function(root)
    vim.api.nvim_create_autocmd('BufWritePre', {
      group = group,
      callback = function(event)
        vim.lsp.buf.format({ bufnr = event.buf, timeout_ms = t.timeout })
      end,
    })
    local path = root .. '/force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml'
    t.write_file(path, UNFORMATTED)
    vim.cmd.edit(vim.fn.fnameescape(path))
    local bufnr = vim.api.nvim_get_current_buf()
    t.wait_for_client(bufnr)
    vim.bo[bufnr].shiftwidth = 4
    vim.bo[bufnr].expandtab = true
    vim.cmd('silent write')
    t.eq(FORMATTED, vim.fn.readfile(path), 'the file on disk')
  end)
  vim.api.nvim_del_augroup_by_id(group)
  assert(ok, err)
end)

t.test('a buffer with a syntax error is not formatted: the reason reaches the user, once', function()
  t.in_temporary_project(function(root)
    local path = root .. '/force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml'
    local broken = vim.deepcopy(UNFORMATTED)
    broken[3] = '  <label>Portal</labl>'
    t.write_file(path, broken)
    vim.cmd.edit(vim.fn.fnameescape(path))
    local bufnr = vim.api.nvim_get_current_buf()
    local client = t.wait_for_client(bufnr)
    -- The synchronous format (format on save): Neovim 0.11 alone drops the server's reason;
    -- the plugin's `request_sync` hands it back as the failure Neovim shows.
    local before = #t.notifications
    vim.lsp.buf.format({ bufnr = bufnr, timeout_ms = t.timeout })
    t.eq(broken, t.lines(bufnr), 'the buffer is unchanged')
    local function refusals(messages)
      return vim.tbl_filter(function(message)
        return message:find('not formatted: the file has a syntax error (line 3: `</labl>`', 1, true) ~= nil
      end, messages)
    end
    t.eq(1, #refusals(t.notifications_after(before)), 'the reason shown once: ' .. vim.inspect(t.notifications_after(before)))
    -- The asynchronous format: Neovim's own handler shows response errors, once.
    before = #t.notifications
    vim.lsp.buf.format({ bufnr = bufnr, async = true })
    t.wait_for('the asynchronous refusal', function()
      return #refusals(t.notifications_after(before)) > 0
    end)
    t.eq(1, #refusals(t.notifications_after(before)), 'shown once: ' .. vim.inspect(t.notifications_after(before)))
    t.eq(broken, t.lines(bufnr), 'still unchanged')
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/formatting', {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      options = { tabSize = 4, insertSpaces = true },
    }, t.timeout)
    local response = assert(responses and responses[client.id], 'an answer')
    t.truthy(response.err, 'refused: ' .. vim.inspect(response))
    t.truthy(response.err.message:find('not formatted', 1, true), response.err.message)
  end)
end)

local HEADER = {
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">',
  '    <contactEmail>admin@example.com</contactEmail>',
  '    <distributionState>Local</distributionState>',
  '    <isProtected>false</isProtected>',
  '    <label>Portal</label>',
  '</ExternalClientApplication>',
}

local GLOBAL = {
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">',
  '    <callbackUrl>https://example.com/callback</callbackUrl>',
  '    <externalClientApplication>Portal</externalClientApplication>',
  '    <isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>',
  '    <label>Portal</label>',
  '</ExtlClntAppGlobalOauthSettings>',
}

t.test('vim.lsp.buf.rename() on an app name renames the app in every file and renames its files', function()
  t.in_temporary_project(function(root)
    local default = root .. '/force-app/main/default'
    local header = default .. '/externalClientApps/Portal.eca-meta.xml'
    local global = default .. '/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml'
    t.write_file(header, HEADER)
    t.write_file(global, GLOBAL)
    vim.cmd.edit(vim.fn.fnameescape(global))
    local bufnr = vim.api.nvim_get_current_buf()
    t.wait_for_client(bufnr)
    local line = t.line_of(bufnr, '<externalClientApplication>')
    local column = t.lines(bufnr)[line + 1]:find('Portal', 1, true)
    vim.api.nvim_win_set_cursor(0, { line + 1, column })
    vim.lsp.buf.rename('Customer_Portal')
    local renamed_global = default .. '/extlClntAppGlobalOauthSets/Customer_Portal_glbloauth.ecaGlblOauth-meta.xml'
    local renamed_header = default .. '/externalClientApps/Customer_Portal.eca-meta.xml'
    t.wait_for('the files to be renamed', function()
      return vim.fn.filereadable(renamed_global) == 1 and vim.fn.filereadable(renamed_header) == 1
    end)
    t.eq(0, vim.fn.filereadable(global), 'the old global settings file is gone')
    t.eq(0, vim.fn.filereadable(header), 'the old header is gone')
    -- The edited buffer follows its file; saving it writes the new reference.
    t.eq(renamed_global, vim.api.nvim_buf_get_name(bufnr), 'the buffer has the new name')
    t.contains(t.lines(bufnr), '    <externalClientApplication>Customer_Portal</externalClientApplication>', 'the reference')
    vim.cmd('silent wall')
    t.contains(vim.fn.readfile(renamed_global), '    <externalClientApplication>Customer_Portal</externalClientApplication>', 'on disk')
    t.eq(HEADER, vim.fn.readfile(renamed_header), 'the header is only renamed: its label stays')
  end)
end)

t.test('a rename to a name that is not a valid API name is refused with the reason', function()
  t.in_temporary_project(function(root)
    local default = root .. '/force-app/main/default'
    local header = default .. '/externalClientApps/Portal.eca-meta.xml'
    local global = default .. '/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml'
    t.write_file(header, HEADER)
    t.write_file(global, GLOBAL)
    vim.cmd.edit(vim.fn.fnameescape(global))
    local bufnr = vim.api.nvim_get_current_buf()
    local client = t.wait_for_client(bufnr)
    local line = t.line_of(bufnr, '<externalClientApplication>')
    local column = t.lines(bufnr)[line + 1]:find('Portal', 1, true)
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/rename', {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      position = t.position(bufnr, client, line, column),
      newName = 'Customer Portal',
    }, t.timeout)
    local response = assert(responses and responses[client.id], 'an answer')
    t.truthy(response.err, 'refused: ' .. vim.inspect(response))
    t.truthy(response.err.message:find('not a valid API name', 1, true), response.err.message)
    t.eq(1, vim.fn.filereadable(header), 'nothing renamed')
    t.eq(GLOBAL, t.lines(bufnr), 'nothing edited')
  end)
end)

t.test('document highlights show every use of the app name in a header', function()
  t.in_temporary_project(function(root)
    local default = root .. '/force-app/main/default'
    local header = default .. '/externalClientApps/Portal.eca-meta.xml'
    t.write_file(header, HEADER)
    vim.cmd.edit(vim.fn.fnameescape(header))
    local bufnr = vim.api.nvim_get_current_buf()
    local client = t.wait_for_client(bufnr)
    local result = t.request(bufnr, 'textDocument/documentHighlight', {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      position = t.position(bufnr, client, 1, 3),
    })
    local lines = {}
    for _, highlight in ipairs(result or {}) do
      table.insert(lines, highlight.range.start.line)
    end
    t.eq({ 1, 6 }, lines, 'the root element start and end tags: ' .. vim.inspect(result))
  end)
end)
