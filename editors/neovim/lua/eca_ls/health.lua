-- `:checkhealth eca_ls`: is the binary there, which version is it, which clients run.
local M = {}

-- vim.health.start/ok/… from 0.10 on; report_start/report_ok/… before.
local health = {
  start = vim.health.start or vim.health.report_start,
  ok = vim.health.ok or vim.health.report_ok,
  info = vim.health.info or vim.health.report_info,
  warn = vim.health.warn or vim.health.report_warn,
  error = vim.health.error or vim.health.report_error,
}

--- The command eca-ls is (or would be) started with: a running client's, else the configured
--- one (`vim.lsp.config` on 0.11+, `setup()` before), else `eca-ls` on PATH.
local function configured_cmd(eca_ls)
  local client = eca_ls.clients()[1]
  if client and type(client.config.cmd) == 'table' then
    return client.config.cmd, 'the running client'
  end
  -- `vim.lsp.config` exists from 0.11 on; looking it up on older versions must not fail.
  local ok, config = pcall(function()
    return vim.lsp.config and vim.lsp.config[eca_ls.name]
  end)
  if ok and type(config) == 'table' and type(config.cmd) == 'table' then
    return config.cmd, "vim.lsp.config('eca_ls')"
  end
  if eca_ls.setup_options and type(eca_ls.setup_options.cmd) == 'table' then
    return eca_ls.setup_options.cmd, "require('eca_ls').setup()"
  end
  return eca_ls.default_cmd, 'the default'
end

local function check_binary(eca_ls)
  health.start('eca-ls binary')
  local cmd, source = configured_cmd(eca_ls)
  local program = cmd[1]
  local path = program and vim.fn.exepath(program) or ''
  if path == '' then
    health.error(('`%s` (from %s) is not an executable file or on PATH'):format(tostring(program), source), {
      'Build it with `cargo build --release` in the eca-ls repository and put `target/release/eca-ls` on PATH',
      "or point the client at it: vim.lsp.config('eca_ls', { cmd = { '/path/to/eca-ls' } })",
    })
    return
  end
  health.ok(('found `%s` (from %s): %s'):format(program, source, path))
  local output = vim.fn.system({ path, '--version' })
  if vim.v.shell_error ~= 0 then
    health.warn(('`%s --version` failed: %s'):format(path, vim.trim(output)))
    return
  end
  health.ok('version: ' .. vim.trim(output))
end

local function check_neovim()
  health.start('Neovim')
  if vim.fn.has('nvim-0.11') == 1 then
    local enabled = vim.lsp.is_enabled and vim.lsp.is_enabled('eca_ls')
    if enabled then
      health.ok("0.11+: vim.lsp.enable('eca_ls') is in effect")
    else
      health.info("0.11+: enable the server with vim.lsp.enable('eca_ls') (or require('eca_ls').setup())")
    end
  elseif vim.fn.has('nvim-0.9') == 1 then
    health.ok("0.9/0.10: start the server with require('eca_ls').setup()")
  else
    health.error('eca-ls needs Neovim 0.9 or newer')
  end
  local filetype = vim.filetype.match({ filename = 'extlClntAppOauthPolicies/App.ecaOauthPlcy' })
  if filetype == 'xml' then
    health.ok('Metadata API files such as `App.ecaOauthPlcy` open as xml')
  else
    health.warn('`App.ecaOauthPlcy` does not open as xml: is editors/neovim on the runtimepath (plugin/eca_ls.lua)?')
  end
end

local function check_clients(eca_ls)
  health.start('eca-ls clients')
  local clients = eca_ls.clients()
  if #clients == 0 then
    health.info('no eca-ls client is running; it starts when an ECA file is opened')
    return
  end
  for _, client in ipairs(clients) do
    local buffers = {}
    for bufnr in pairs(client.attached_buffers or {}) do
      table.insert(buffers, vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':~:.'))
    end
    table.sort(buffers)
    health.ok(
      ('client %d, root %s, %d buffer(s): %s'):format(
        client.id,
        tostring(client.root_dir or client.config.root_dir),
        #buffers,
        table.concat(buffers, ', ')
      )
    )
  end
end

function M.check()
  local eca_ls = require('eca_ls')
  check_binary(eca_ls)
  check_neovim()
  check_clients(eca_ls)
end

return M
