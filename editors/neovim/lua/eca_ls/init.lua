-- The eca-ls client for Neovim: how to start the server, which buffers it serves, where a
-- project's root is, and two commands that show what the server reports. Everything the
-- server can work out itself (types, rules, versions, fixes) stays in the server.
local files = require('eca_ls.files')

local M = {}

--- The name of the client, of the `lsp/eca_ls.lua` config and of the health check.
M.name = 'eca_ls'

--- Where a project starts: the nearest folder holding one of these (nearest wins).
M.default_root_markers = { 'sfdx-project.json', '.git' }

--- The command that starts the server over stdio.
M.default_cmd = { 'eca-ls' }

--- Options given to `setup()`, for the health check.
M.setup_options = nil

--- The project root of `path`: the nearest folder above it holding one of `markers`, else the
--- file's own folder (a loose file is a project of its own).
---@param path string
---@param markers? string[]
---@return string
function M.find_root(path, markers)
  markers = markers or M.default_root_markers
  local found = vim.fs.find(markers, { path = vim.fs.dirname(path), upward = true })[1]
  if found then
    return vim.fs.dirname(found)
  end
  return vim.fs.dirname(path)
end

--- `root_dir` for `vim.lsp.config` (Neovim 0.11+): declines every buffer that is not an ECA
--- file, so the server runs beside (not instead of) other XML tooling and only where it has
--- something to say.
---@param bufnr integer
---@param on_dir fun(root_dir?: string)
function M.root_dir(bufnr, on_dir)
  local path = vim.api.nvim_buf_get_name(bufnr)
  if not files.is_eca_file(path) then
    return
  end
  local markers = M.default_root_markers
  local ok, config = pcall(function()
    return vim.lsp.config[M.name]
  end)
  if ok and type(config) == 'table' and type(config.root_markers) == 'table' then
    markers = config.root_markers
  end
  on_dir(M.find_root(path, markers))
end

--- `before_init`: the editor settings also go out as `initializationOptions` (unless
--- `init_options` were given), so the first diagnostics already honour them.
---@param params table
---@param config table
function M.before_init(params, config)
  if params.initializationOptions == nil and type(config.settings) == 'table' and next(config.settings) then
    params.initializationOptions = config.settings
  end
end

--- What the client can do beyond what Neovim declares: it applies `documentChanges`
--- (`vim.lsp.util.apply_workspace_edit` handles them, file creations included) but does not
--- say so, and the server sends new files (`:EcaLs new`, *Configure this app for …*) only to
--- clients that do.
---
--- It also takes `workspace/diagnostic/refresh` (see `M.handlers`), which Neovim 0.11 does not
--- handle itself: when a change in one file changes the findings of another (the rules across an
--- app's files), the server asks for a new pull, and the plugin pulls every buffer again.
---
--- And it says that it pulls the diagnostics of its buffers only: Neovim declares
--- `textDocument.diagnostic` but never sends `workspace/diagnostic`, and no standard capability
--- tells a server so. With `experimental.ecaLs.pullsWorkspaceDiagnostics = false` the server
--- pushes the diagnostics of the files not loaded in a buffer (every file of the project shows
--- in `vim.diagnostic.get()` and the quickfix list), and clears them when a buffer opens and its
--- pull takes over.
M.capabilities = {
  workspace = {
    workspaceEdit = { documentChanges = true },
    diagnostics = { refreshSupport = true },
  },
  experimental = {
    ecaLs = { pullsWorkspaceDiagnostics = false },
  },
}

--- The requests whose refusal (a response error) the user must read: the server refuses to
--- format a file with a syntax error and says why.
local REFUSALS_TO_SHOW = {
  ['textDocument/formatting'] = true,
  ['textDocument/rangeFormatting'] = true,
}

--- `on_init`: make the client's `request_sync` report a server's refusal of a formatting request
--- as a failure. Neovim 0.11's synchronous `vim.lsp.buf.format()` (the usual format on save)
--- applies `result.result` and shows the second return value of `request_sync`, but never looks
--- at `result.err`, so the server's reason was dropped without a word. `request_sync` is
--- documented to return `nil` and a message "on timeout, cancel or error": this returns the
--- server's message that way, which `vim.lsp.buf.format()` (and other formatters calling
--- `request_sync`) already show. The asynchronous path shows response errors itself.
---@param client table
function M.on_init(client)
  local request_sync = client.request_sync
  if type(request_sync) ~= 'function' or client.eca_ls_refusals_shown then
    return
  end
  client.eca_ls_refusals_shown = true
  -- Called as `client:request_sync(method, …)` (0.11) or `client.request_sync(method, …)`.
  client.request_sync = function(...)
    local method = select(1, ...)
    if type(method) ~= 'string' then
      method = select(2, ...)
    end
    local response, err = request_sync(...)
    if response and response.err and REFUSALS_TO_SHOW[method] then
      return nil, response.err.message or vim.inspect(response.err)
    end
    return response, err
  end
end

--- Pull the diagnostics of every buffer the client serves again (`textDocument/diagnostic`,
--- answered by Neovim's own handler, which replaces the buffer's pulled diagnostics).
---@param client table
local function pull_attached_buffers(client)
  local buffers = client.attached_buffers or {}
  for bufnr in pairs(buffers) do
    if vim.api.nvim_buf_is_loaded(bufnr) then
      local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }
      if vim.fn.has('nvim-0.11') == 1 then
        client:request('textDocument/diagnostic', params, nil, bufnr)
      else
        client.request('textDocument/diagnostic', params, nil, bufnr)
      end
    end
  end
end

--- Handlers of requests the server sends.
M.handlers = {
  ['workspace/diagnostic/refresh'] = function(_, _, ctx)
    local client = vim.lsp.get_client_by_id(ctx.client_id)
    if client then
      pull_attached_buffers(client)
    end
    return vim.NIL
  end,
}

--- Client-side commands: the code lens on an app's header runs `ecaLs.showFlows` with the
--- header's URI, which opens the flow readiness view of `:EcaLs flows` for that file.
M.commands = {
  ['ecaLs.showFlows'] = function(command, ctx)
    local uri = command.arguments and command.arguments[1]
    local bufnr = type(uri) == 'string' and vim.uri_to_bufnr(uri) or ctx.bufnr
    M.show('flows', bufnr)
  end,
}

--- The client configuration for `vim.lsp.config` (what `lsp/eca_ls.lua` returns).
---@return table
function M.lsp_config()
  return {
    cmd = vim.deepcopy(M.default_cmd),
    filetypes = { 'xml' },
    root_markers = vim.deepcopy(M.default_root_markers),
    root_dir = M.root_dir,
    before_init = M.before_init,
    on_init = M.on_init,
    capabilities = vim.deepcopy(M.capabilities),
    commands = M.commands,
    handlers = M.handlers,
  }
end

--- Start (or reuse) the client for one buffer when it is an ECA file. Used by `setup()`; works
--- on Neovim 0.9 and later.
---@param bufnr integer
---@param options? table the options given to `setup()`
---@return integer? client_id
function M.start(bufnr, options)
  options = options or {}
  if vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  local path = vim.api.nvim_buf_get_name(bufnr)
  if not files.is_eca_file(path) then
    return nil
  end
  local config = vim.deepcopy(options)
  config.filetypes = nil
  config.root_markers = nil
  config.name = M.name
  config.cmd = config.cmd or vim.deepcopy(M.default_cmd)
  config.capabilities = vim.tbl_deep_extend('keep', config.capabilities or {}, M.capabilities)
  config.commands = vim.tbl_extend('keep', config.commands or {}, M.commands)
  config.handlers = vim.tbl_extend('keep', config.handlers or {}, M.handlers)
  config.root_dir = M.find_root(path, options.root_markers)
  local user_before_init = options.before_init
  config.before_init = function(params, client_config)
    M.before_init(params, client_config)
    if user_before_init then
      user_before_init(params, client_config)
    end
  end
  local user_on_init = options.on_init
  config.on_init = function(client, result)
    M.on_init(client)
    if user_on_init then
      user_on_init(client, result)
    end
  end
  return vim.lsp.start(config, { bufnr = bufnr })
end

--- For Neovim 0.9 and 0.10 (works on 0.11 too): start eca-ls on every ECA file opened as XML.
--- Accepts what `vim.lsp.start` accepts (`cmd`, `settings`, `init_options`, `capabilities`,
--- `on_attach`, …) plus `filetypes` and `root_markers`. On 0.11 use this or
--- `vim.lsp.enable('eca_ls')`, not both.
---@param options? table
function M.setup(options)
  options = options or {}
  M.setup_options = options
  local filetypes = options.filetypes or { 'xml' }
  local group = vim.api.nvim_create_augroup('eca_ls_setup', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = filetypes,
    callback = function(args)
      M.start(args.buf, options)
    end,
    desc = 'Start eca-ls on External Client App metadata files',
  })
  -- Buffers opened before setup() ran (a lazy-loaded plugin, a file given on the command line).
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(filetypes, vim.bo[bufnr].filetype) then
      M.start(bufnr, options)
    end
  end
end

--- The eca-ls clients, on one buffer or everywhere.
---@param bufnr? integer
---@return table[]
function M.clients(bufnr)
  local filter = { name = M.name, bufnr = bufnr }
  if vim.lsp.get_clients then
    return vim.lsp.get_clients(filter)
  end
  return vim.lsp.get_active_clients(filter)
end

--- The custom requests behind `:EcaLs`, by subcommand.
M.requests = {
  status = 'eca-ls/status',
  flows = 'eca-ls/flows',
}

--- `:EcaLs status` and `:EcaLs flows`: ask the server about the current file and show its
--- answer in a floating window. Returns the window's buffer and window (for tests).
---@param subcommand string
---@param bufnr? integer
---@param on_shown? fun(float_bufnr: integer, float_winid: integer)
function M.show(subcommand, bufnr, on_shown)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local method = M.requests[subcommand]
  if not method then
    vim.notify(
      ('eca-ls: unknown subcommand `%s`; use `status` or `flows`'):format(tostring(subcommand)),
      vim.log.levels.ERROR
    )
    return
  end
  local client = M.clients(bufnr)[1]
  if not client then
    vim.notify('eca-ls: no eca-ls client serves this buffer (is it an ECA file?)', vim.log.levels.WARN)
    return
  end
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }
  local function handle(err, result)
    if err then
      vim.notify(('eca-ls: %s failed: %s'):format(method, err.message or vim.inspect(err)), vim.log.levels.ERROR)
      return
    end
    local lines = require('eca_ls.report').lines(result)
    local float_bufnr, float_winid = vim.lsp.util.open_floating_preview(lines, 'markdown', {
      border = 'rounded',
      focus_id = 'eca_ls_' .. subcommand,
      max_width = math.max(40, math.floor(vim.o.columns * 0.8)),
      max_height = math.max(10, math.floor(vim.o.lines * 0.8)),
    })
    if on_shown then
      on_shown(float_bufnr, float_winid)
    end
  end
  -- `Client:request` is a method from 0.11 on; before that a function taking the method name.
  if vim.fn.has('nvim-0.11') == 1 then
    client:request(method, params, handle, bufnr)
  else
    client.request(method, params, handle, bufnr)
  end
end

return M
