-- A tiny test harness for specs that run inside a real headless Neovim: registration,
-- assertions, and helpers that drive the editor the way a person would (open a file, wait for
-- the client, ask for completion, apply a quick fix). Waits are failure guards, never
-- measurements: every wait is for a condition, with a generous timeout.
local M = {}

M.tests = {}

--- The repository root and the fixture project, from the environment run.lua is started in.
M.repo = assert(vim.env.ECA_LS_REPO, 'ECA_LS_REPO is not set; run the tests through scripts/test-neovim.sh')
M.fixture = M.repo .. '/tests/neovim/fixture-project'
--- The eca-ls binary built for this run.
M.binary = assert(vim.env.ECA_LS_BIN, 'ECA_LS_BIN is not set; run the tests through scripts/test-neovim.sh')
--- How long to wait for anything (the server's start on a loaded 2-core machine included).
M.timeout = tonumber(vim.env.ECA_LS_TEST_TIMEOUT_MS or '') or 60000

--- Files of the fixture project, relative to it.
M.paths = {
  policies = 'force-app/main/default/extlClntAppOauthPolicies/Fixture_App_oauthPlcy.ecaOauthPlcy-meta.xml',
  global = 'force-app/main/default/extlClntAppGlobalOauthSets/Fixture_App_glbloauth.ecaGlblOauth-meta.xml',
  header = 'force-app/main/default/externalClientApps/Fixture_App.eca-meta.xml',
  mdapi_policies = 'mdapi/extlClntAppOauthPolicies/Mdapi_App_oauthPlcy.ecaOauthPlcy',
  package_xml = 'manifest/package.xml',
}

--- Every `vim.notify` message of the run, in order: shown when a test fails, and how a
--- server that quit is noticed at once rather than after a timeout.
M.notifications = {}
vim.notify = function(message, level, options)
  table.insert(M.notifications, tostring(message))
end

--- The messages that arrived after the first `count` ones.
function M.notifications_after(count)
  return vim.list_slice(M.notifications, count + 1)
end

--- The message Neovim gives when the eca_ls server process ended with an error, if it did.
local function server_quit_message()
  for _, message in ipairs(M.notifications) do
    if message:find('^Client eca_ls quit') then
      return message
    end
  end
end

--- Register a test.
---@param name string
---@param body fun()
function M.test(name, body)
  table.insert(M.tests, { name = name, body = body })
end

local function describe(value)
  return vim.inspect(value, { newline = ' ', indent = '' })
end

--- Fail the current test.
function M.fail(message)
  error(message, 2)
end

function M.eq(expected, actual, what)
  if not vim.deep_equal(expected, actual) then
    error(('%s:\n  expected: %s\n  actual:   %s'):format(what or 'values differ', describe(expected), describe(actual)), 2)
  end
end

function M.truthy(value, what)
  if not value then
    error(what or 'expected a true value', 2)
  end
  return value
end

--- Assert that `list` contains `item`.
function M.contains(list, item, what)
  if not vim.tbl_contains(list, item) then
    error(('%s: %s is not among %s'):format(what or 'missing item', describe(item), describe(list)), 2)
  end
end

function M.not_contains(list, item, what)
  if vim.tbl_contains(list, item) then
    error(('%s: %s should not be among %s'):format(what or 'unexpected item', describe(item), describe(list)), 2)
  end
end

--- Wait until `condition()` returns a true value and return it; fail with `what` otherwise.
function M.wait_for(what, condition)
  local result
  local quit_message
  local ok = vim.wait(M.timeout, function()
    result = condition()
    quit_message = server_quit_message()
    return (result ~= nil and result ~= false) or quit_message ~= nil
  end, 20)
  if quit_message and not (result ~= nil and result ~= false) then
    error(('the eca-ls server quit while waiting for %s: %s'):format(what, quit_message), 2)
  end
  if not ok then
    error(('timed out after %d ms waiting for %s'):format(M.timeout, what), 2)
  end
  return result
end

--- Absolute path of a fixture file.
function M.fixture_path(relative)
  return M.fixture .. '/' .. relative
end

--- The file's lines as they are on disk.
function M.disk_lines(relative)
  return vim.fn.readfile(M.fixture_path(relative))
end

--- Open a fixture file in the current window, dropping unsaved changes (so every test starts
--- from the file on disk), and return its buffer.
function M.open(relative)
  vim.cmd('edit! ' .. vim.fn.fnameescape(M.fixture_path(relative)))
  return vim.api.nvim_get_current_buf()
end

--- Write `lines` to `path`, creating its folders.
function M.write_file(path, lines)
  vim.fn.mkdir(vim.fs.dirname(path), 'p')
  vim.fn.writefile(lines, path)
end

--- Run `body(root)` in a new sfdx project (`force-app`, API 65.0) in a temporary folder, the
--- current folder moved there; whatever `body` does, every buffer is wiped, the current folder
--- goes back to the repository and the project is deleted, then a failure of `body` is raised.
---@param body fun(root: string)
function M.in_temporary_project(body)
  local root = vim.fn.resolve(vim.fn.tempname())
  vim.fn.mkdir(root, 'p')
  vim.fn.writefile({
    '{ "packageDirectories": [{ "path": "force-app", "default": true }], "sourceApiVersion": "65.0" }',
  }, root .. '/sfdx-project.json')
  vim.cmd.cd(vim.fn.fnameescape(root))
  local ok, err = pcall(body, root)
  vim.cmd('silent! %bwipeout!')
  vim.cmd.cd(vim.fn.fnameescape(M.repo))
  vim.fn.delete(root, 'rf')
  if not ok then
    error(err, 0)
  end
end

--- The eca_ls clients attached to a buffer.
function M.clients(bufnr)
  return vim.lsp.get_clients({ bufnr = bufnr, name = 'eca_ls' })
end

--- Wait until an initialized eca_ls client is attached to `bufnr`, and return it.
function M.wait_for_client(bufnr)
  return M.wait_for('an eca_ls client on ' .. vim.api.nvim_buf_get_name(bufnr), function()
    for _, client in ipairs(M.clients(bufnr)) do
      if client.initialized and vim.lsp.buf_is_attached(bufnr, client.id) then
        return client
      end
    end
  end)
end

--- The 0-based index of the first line containing `text` (plain search).
function M.line_of(bufnr, text)
  for index, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if line:find(text, 1, true) then
      return index - 1
    end
  end
  error(('no line contains %q'):format(text), 2)
end

--- An LSP position for a byte column on a line, in the client's position encoding.
function M.position(bufnr, client, line, byte_column)
  local text = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1] or ''
  local character = byte_column
  if client.offset_encoding == 'utf-16' then
    character = vim.str_utfindex(text:sub(1, byte_column), 'utf-16')
  elseif client.offset_encoding == 'utf-32' then
    character = vim.str_utfindex(text:sub(1, byte_column), 'utf-32')
  end
  return { line = line, character = character }
end

--- Send a request to the eca_ls client of `bufnr` and return its result; fail on an error.
function M.request(bufnr, method, params)
  local client = M.wait_for_client(bufnr)
  if not client:supports_method(method, bufnr) then
    error(('the server does not offer %s (missing from its capabilities)'):format(method), 2)
  end
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, M.timeout)
  if not responses then
    error(('%s: no answer (%s)'):format(method, tostring(err)), 2)
  end
  local response = responses[client.id]
  if not response then
    error(('%s: the eca_ls client did not answer'):format(method), 2)
  end
  if response.err then
    error(('%s failed: %s'):format(method, describe(response.err)), 2)
  end
  return response.result
end

--- Labels of the completion items offered at a position.
function M.completion_labels(bufnr, position)
  local result = M.request(bufnr, 'textDocument/completion', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = position,
  })
  local items = result and (result.items or result) or {}
  local labels = {}
  for _, item in ipairs(items) do
    table.insert(labels, item.label)
  end
  table.sort(labels)
  return labels
end

--- The text of a hover result, whatever shape the server chose.
function M.hover_text(result)
  if not result then
    return ''
  end
  local contents = result.contents
  if type(contents) == 'string' then
    return contents
  end
  if contents.value then
    return contents.value
  end
  local parts = {}
  for _, part in ipairs(contents) do
    table.insert(parts, type(part) == 'string' and part or part.value)
  end
  return table.concat(parts, '\n')
end

--- Wait for a diagnostic with `code` on `bufnr` and return it.
function M.wait_for_diagnostic(bufnr, code)
  return M.wait_for(('a %s diagnostic on %s'):format(code, vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':t')), function()
    for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
      if diagnostic.code == code then
        return diagnostic
      end
    end
  end)
end

--- Wait until no diagnostic with `code` is left on `bufnr`.
function M.wait_for_no_diagnostic(bufnr, code)
  M.wait_for(('the %s diagnostic to go away'):format(code), function()
    for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
      if diagnostic.code == code then
        return false
      end
    end
    return true
  end)
end

--- The code actions the server offers for one diagnostic (as published, `data` included).
function M.code_actions_for(bufnr, diagnostic)
  local published = diagnostic.user_data and diagnostic.user_data.lsp
  M.truthy(published, 'the diagnostic carries its LSP form in user_data.lsp')
  local result = M.request(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = published.range,
    context = { diagnostics = { published } },
  })
  return result or {}
end

--- Apply a code action as Neovim's own `vim.lsp.buf.code_action()` would: its edit, after
--- resolving it when the server sends it without one.
function M.apply_code_action(bufnr, action)
  local client = M.wait_for_client(bufnr)
  if not action.edit and action.data ~= nil then
    action = M.request(bufnr, 'codeAction/resolve', action)
  end
  M.truthy(action.edit, 'the code action carries a workspace edit: ' .. describe(action))
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
end

--- Lines of a buffer.
function M.lines(bufnr)
  return vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
end

--- A copy of `lines` with `replacement` (a list) put in place of lines `first`..`last`
--- (1-based, inclusive; `last = first - 1` inserts before `first`).
function M.splice(lines, first, last, replacement)
  local result = {}
  for index = 1, first - 1 do
    table.insert(result, lines[index])
  end
  vim.list_extend(result, replacement)
  for index = last + 1, #lines do
    table.insert(result, lines[index])
  end
  return result
end

--- Floating windows and their buffers' text.
function M.floating_texts()
  local texts = {}
  for _, winid in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(winid).relative ~= '' then
      local bufnr = vim.api.nvim_win_get_buf(winid)
      table.insert(texts, table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n'))
    end
  end
  return texts
end

--- Close every floating window.
function M.close_floats()
  for _, winid in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_is_valid(winid) and vim.api.nvim_win_get_config(winid).relative ~= '' then
      vim.api.nvim_win_close(winid, true)
    end
  end
end

--- Run `:checkhealth eca_ls` and return the report's lines; the report's tab is closed again.
function M.checkhealth_lines()
  vim.cmd('silent checkhealth eca_ls')
  local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  if #vim.api.nvim_list_tabpages() > 1 then
    vim.cmd('tabclose')
  end
  return lines
end

return M
