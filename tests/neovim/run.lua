-- Runs one spec file inside a headless Neovim and quits with its verdict: exit status 0 when
-- every test passed, 1 otherwise. Started by scripts/test-neovim.sh as
--   nvim --headless --clean --cmd 'set packpath^=…' -c 'luafile tests/neovim/run.lua'
-- (the plugin installed as a package under that packpath) with ECA_LS_SPEC naming the spec. Whatever happens, Neovim quits: a hanging editor would
-- otherwise hold CI until its timeout.
local function write(text)
  io.stdout:write(text .. '\n')
  io.stdout:flush()
end

local function quit(status)
  -- Stop the servers first, so that none outlives the editor.
  pcall(function()
    local clients = vim.lsp.get_clients()
    for _, client in ipairs(clients) do
      client:stop()
    end
    vim.wait(5000, function()
      return #vim.lsp.get_clients() == 0
    end, 20)
  end)
  vim.cmd(('cquit %d'):format(status))
end

--- The error and the lines of the traceback that are in spec files: where the test failed.
local function spec_traceback(err)
  local lines = { tostring(err) }
  for line in debug.traceback('', 2):gmatch('[^\n]+') do
    if line:find('_spec%.lua') then
      table.insert(lines, '  at ' .. vim.trim(line))
    end
  end
  return table.concat(lines, '\n')
end

local function lsp_log_tail()
  local path = vim.lsp.log and vim.lsp.log.get_filename and vim.lsp.log.get_filename() or vim.lsp.get_log_path()
  if vim.fn.filereadable(path) == 0 then
    return
  end
  local lines = vim.fn.readfile(path)
  write(('--- last lines of %s ---'):format(path))
  for index = math.max(1, #lines - 30), #lines do
    write(lines[index])
  end
end

local function main()
  local spec = assert(vim.env.ECA_LS_SPEC, 'ECA_LS_SPEC is not set')
  local repo = assert(vim.env.ECA_LS_REPO, 'ECA_LS_REPO is not set')
  package.path = repo .. '/tests/neovim/?.lua;' .. package.path
  local log_level = vim.env.ECA_LS_LSP_LOG_LEVEL or 'warn'
  if vim.lsp.log and vim.lsp.log.set_level then
    vim.lsp.log.set_level(log_level)
  else
    vim.lsp.set_log_level(log_level)
  end
  local helpers = require('helpers')
  dofile(spec)

  local spec_name = vim.fn.fnamemodify(spec, ':t:r')
  -- scripts/test-neovim.sh lists the tests first, then runs each in a Neovim of its own, so that
  -- no test depends on what another left behind (buffers, edits, clients).
  if vim.env.ECA_LS_LIST_TESTS == '1' then
    for _, test in ipairs(helpers.tests) do
      write('TEST ' .. test.name)
    end
    return true
  end
  local only = vim.env.ECA_LS_TEST
  local passed, failed = 0, 0
  if only and only ~= '' and not vim.iter(helpers.tests):any(function(test)
    return test.name == only
  end) then
    write(('FAIL %s: no test named %q'):format(spec_name, only))
    failed = 1
  end
  for _, test in ipairs(helpers.tests) do
    if only and only ~= '' and test.name ~= only then
      goto continue
    end
    local ok, err = xpcall(test.body, spec_traceback)
    if ok then
      passed = passed + 1
      write(('ok   %s: %s'):format(spec_name, test.name))
    else
      failed = failed + 1
      write(('FAIL %s: %s\n%s'):format(spec_name, test.name, tostring(err)))
    end
    ::continue::
  end
  if failed > 0 then
    if #helpers.notifications > 0 then
      write('--- messages ---')
      for _, message in ipairs(helpers.notifications) do
        write(message)
      end
    end
    lsp_log_tail()
  end
  -- Read by scripts/test-neovim.sh to add up the totals.
  write(('RESULT %s %d %d'):format(spec_name, passed, failed))
  return failed == 0
end

local ok, result = xpcall(main, debug.traceback)
if not ok then
  write('ERROR the spec could not run:\n' .. tostring(result))
  quit(2)
else
  quit(result and 0 or 1)
end
