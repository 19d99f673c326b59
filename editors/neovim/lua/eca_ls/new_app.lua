-- `:EcaLs new NAME FLOW…`: create an External Client App through the server's `eca-ls.newApp`
-- command. The server decides everything (which flows exist, which values each needs, whether
-- the name is valid) and sends the files as a `workspace/applyEdit`; this module asks the user
-- each value the server asks for, then saves the new files and opens the header.
local M = {}

M.command = 'eca-ls.newApp'

--- How many questions at most: the server never asks for more values than it has.
M.max_rounds = 32

--- The arguments of `eca-ls.newApp`.
---@param request table { folder, name, flows, inputs }
---@return table[]
function M.arguments(request)
  local argument = { folder = request.folder, name = request.name, flows = request.flows }
  for key, value in pairs(request.inputs or {}) do
    argument[key] = value
  end
  return { argument }
end

--- The request with one more answer: a list answer split at commas, blanks dropped.
---@param request table
---@param input string
---@param kind string 'text' | 'list' | 'certificate'
---@param answer string
---@return table
function M.with_input(request, input, kind, answer)
  local copy = vim.deepcopy(request)
  copy.inputs = copy.inputs or {}
  if kind == 'list' then
    local items = {}
    for item in answer:gmatch('[^,]+') do
      item = vim.trim(item)
      if item ~= '' then
        table.insert(items, item)
      end
    end
    copy.inputs[input] = items
  else
    copy.inputs[input] = vim.trim(answer)
  end
  return copy
end

--- The eca-ls client for `root`, started (without attaching a buffer) when none runs yet.
---@param root string
---@return table? client
---@return string? error
local function client_for(root)
  local eca_ls = require('eca_ls')
  for _, client in ipairs(eca_ls.clients()) do
    if client.config and client.config.root_dir == root then
      return client
    end
  end
  local config = vim.deepcopy(eca_ls.setup_options or {})
  local ok, configured = pcall(function()
    return vim.lsp.config and vim.lsp.config[eca_ls.name]
  end)
  if ok and type(configured) == 'table' and configured.cmd then
    config = vim.tbl_deep_extend('force', vim.deepcopy(configured), config)
  end
  config.filetypes = nil
  config.root_markers = nil
  config.name = eca_ls.name
  config.cmd = config.cmd or vim.deepcopy(eca_ls.default_cmd)
  config.capabilities = vim.tbl_deep_extend('keep', config.capabilities or {}, eca_ls.capabilities)
  config.root_dir = root
  config.workspace_folders = { { uri = vim.uri_from_fname(root), name = root } }
  if type(config.root_dir) ~= 'string' then
    return nil, 'no project folder'
  end
  local id
  if vim.fn.has('nvim-0.11') == 1 then
    id = vim.lsp.start(config, { attach = false })
  else
    id = vim.lsp.start_client(config)
  end
  if not id then
    return nil, ('could not start %s'):format(table.concat(config.cmd, ' '))
  end
  local client = vim.lsp.get_client_by_id(id)
  -- Wait on the state, not on time: the client is usable once `initialize` is answered.
  vim.wait(10000, function()
    return client ~= nil and (client.initialized or client.is_stopped and client:is_stopped())
  end, 20)
  if not client or not client.initialized then
    return nil, 'the server did not start'
  end
  return client
end

local function request(client, method, params, handler)
  if vim.fn.has('nvim-0.11') == 1 then
    return client:request(method, params, handler)
  end
  return client.request(method, params, handler)
end

--- Save the buffers of the new files (the server's edit leaves them modified) and open the
--- header.
local function finish(answer, on_done)
  for _, uri in ipairs(answer.files or {}) do
    local bufnr = vim.uri_to_bufnr(uri)
    vim.fn.bufload(bufnr)
    if vim.bo[bufnr].modified then
      vim.api.nvim_buf_call(bufnr, function()
        vim.cmd('silent noautocmd write')
      end)
    end
  end
  if answer.header then
    vim.cmd.edit(vim.fn.fnameescape(vim.uri_to_fname(answer.header)))
  end
  vim.notify('eca-ls: ' .. (answer.message or 'created'), vim.log.levels.INFO)
  if on_done then
    on_done(answer)
  end
end

--- Ask the server to create the app `name` for `flows` in the project at or above the current
--- folder; ask the user each value the server needs. `on_done(answer)` runs at the end, with
--- the server's last answer (for tests).
---@param name string
---@param flows string[]
---@param on_done? fun(answer: table)
function M.run(name, flows, on_done)
  local folder = vim.fn.getcwd()
  local root = require('eca_ls').find_root(folder .. '/x', { 'sfdx-project.json' })
  local client, problem = client_for(root)
  if not client then
    vim.notify('eca-ls: ' .. problem, vim.log.levels.ERROR)
    return
  end
  local state = { folder = vim.uri_from_fname(folder), name = name, flows = flows, inputs = {} }
  local rounds = 0
  local function step()
    rounds = rounds + 1
    if rounds > M.max_rounds then
      vim.notify('eca-ls: the server kept asking; giving up', vim.log.levels.ERROR)
      return
    end
    request(client, 'workspace/executeCommand', { command = M.command, arguments = M.arguments(state) }, function(err, answer)
      if err then
        vim.notify('eca-ls: ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
        return
      end
      answer = answer or {}
      if answer.status == 'created' then
        finish(answer, on_done)
      elseif answer.status == 'needsInput' then
        vim.ui.input({ prompt = (answer.prompt or answer.input) .. ': ' }, function(value)
          if value == nil or vim.trim(value) == '' then
            return
          end
          if answer.kind == 'certificate' then
            local path = vim.fn.expand(vim.trim(value))
            local ok, lines = pcall(vim.fn.readfile, path)
            if not ok then
              vim.notify('eca-ls: cannot read ' .. path, vim.log.levels.ERROR)
              return
            end
            value = table.concat(lines, '\n')
          end
          state = M.with_input(state, answer.input, answer.kind, value)
          step()
        end)
      elseif answer.status == 'invalidName' then
        vim.notify('eca-ls: ' .. (answer.message or 'invalid name'), vim.log.levels.ERROR)
        if on_done then
          on_done(answer)
        end
      else
        vim.notify('eca-ls: ' .. (answer.message or vim.inspect(answer)), vim.log.levels.ERROR)
        if on_done then
          on_done(answer)
        end
      end
    end)
  end
  step()
end

return M
