-- Turns the answer of a custom eca-ls request (`eca-ls/status`, `eca-ls/flows`) into lines of
-- markdown for a floating window. The server decides what the answer says; this only lays it
-- out: the two documented shapes as short reports, a `markdown` member as it is, and anything
-- else as an indented outline, so that a new field still shows without a change here.
local M = {}

local function is_list(value)
  if vim.islist then
    return vim.islist(value)
  end
  return vim.tbl_islist(value)
end

local function scalar(value)
  if value == vim.NIL or value == nil then
    return '—'
  end
  if type(value) == 'string' then
    -- Absolute paths read better relative to the working folder or home.
    if value:sub(1, 1) == '/' and not value:find('\n', 1, true) then
      return vim.fn.fnamemodify(value, ':~:.')
    end
    return value
  end
  return tostring(value)
end

local function is_scalar(value)
  return type(value) ~= 'table' or value == vim.NIL
end

--- Keys in a stable order: the ones that name things first, then alphabetical. A `uri` next
--- to a `path` says the same thing twice and is left out.
local leading_keys = { 'typeName', 'app', 'name', 'label', 'path', 'state' }
local function sorted_keys(object)
  local rank = {}
  for index, key in ipairs(leading_keys) do
    rank[key] = index
  end
  local keys = vim.tbl_filter(function(key)
    return not (key == 'uri' and object.path ~= nil)
  end, vim.tbl_keys(object))
  table.sort(keys, function(left, right)
    local left_rank, right_rank = rank[left] or math.huge, rank[right] or math.huge
    if left_rank ~= right_rank then
      return left_rank < right_rank
    end
    return tostring(left) < tostring(right)
  end)
  return keys
end

local function outline(value, indent, lines)
  local pad = string.rep('  ', indent)
  if is_scalar(value) then
    for _, line in ipairs(vim.split(scalar(value), '\n', { plain = true })) do
      table.insert(lines, pad .. line)
    end
    return
  end
  if is_list(value) then
    if #value == 0 then
      table.insert(lines, pad .. '- (none)')
    end
    for _, item in ipairs(value) do
      if is_scalar(item) then
        table.insert(lines, pad .. '- ' .. scalar(item))
      else
        local start = #lines + 1
        outline(item, indent + 1, lines)
        -- Mark the item's first line as a list entry.
        if lines[start] then
          lines[start] = pad .. '- ' .. vim.trim(lines[start])
        end
      end
    end
    return
  end
  for _, key in ipairs(sorted_keys(value)) do
    local item = value[key]
    if is_scalar(item) then
      table.insert(lines, ('%s**%s**: %s'):format(pad, key, scalar(item)))
    else
      table.insert(lines, ('%s**%s**:'):format(pad, key))
      outline(item, indent + 1, lines)
    end
  end
end

local function present(value)
  return value ~= nil and value ~= vim.NIL
end

--- A file for a person: `path` (or the path of `uri`) shortened, with a 1-based line when a
--- range is known.
local function file_label(path, uri, range)
  if not present(path) and present(uri) and type(uri) == 'string' and uri:find('^file:') then
    path = vim.uri_to_fname(uri)
  end
  if not present(path) then
    return nil
  end
  local label = vim.fn.fnamemodify(path, ':~:.')
  if type(range) == 'table' and type(range.start) == 'table' and type(range.start.line) == 'number' then
    label = ('%s:%d'):format(label, range.start.line + 1)
  end
  return label
end

--- `eca-ls/status`: `{ typeName, detection, apiVersion, apiVersionSource, projectRoot, app,
--- appFiles = { { path, uri, typeName } }, ignoredBy }`.
local function status_lines(status)
  local lines = {}
  if present(status.ignoredBy) then
    table.insert(lines, ('Not checked: left out by %s (the setting `includeIgnored` checks it)'):format(scalar(status.ignoredBy)))
    table.insert(lines, '')
  end
  if present(status.typeName) then
    local detection = present(status.detection) and (' (%s)'):format(status.detection) or ''
    table.insert(lines, ('**%s**%s'):format(status.typeName, detection))
  else
    table.insert(lines, 'Not an External Client App file')
  end
  table.insert(lines, '')
  if present(status.apiVersion) then
    local source = present(status.apiVersionSource) and (': ' .. scalar(status.apiVersionSource)) or ''
    table.insert(lines, ('API version **%s**%s'):format(status.apiVersion, source))
  end
  if present(status.projectRoot) then
    table.insert(lines, 'Project: ' .. scalar(status.projectRoot))
  end
  if present(status.app) then
    table.insert(lines, ('App **%s**, files:'):format(status.app))
    for _, file in ipairs(type(status.appFiles) == 'table' and status.appFiles or {}) do
      local type_name = present(file.typeName) and (' (%s)'):format(file.typeName) or ''
      table.insert(lines, ('- %s%s'):format(file_label(file.path, file.uri) or '?', type_name))
    end
  elseif present(status.typeName) then
    table.insert(lines, 'No app: the file names no `externalClientApplication`')
  end
  return lines
end

--- `eca-ls/flows`: `{ app, flows = { { flowId, name, state, needs = { { typeName, field,
--- value, uri, range, why, required } } } } }`.
local function flows_lines(answer)
  local lines = { ('**%s**: flow readiness'):format(scalar(answer.app)) }
  if #answer.flows == 0 then
    table.insert(lines, '')
    table.insert(lines, "No OAuth flow is switched on in this app's files.")
    return lines
  end
  for _, flow in ipairs(answer.flows) do
    table.insert(lines, '')
    table.insert(lines, ('### %s: %s'):format(scalar(flow.name), scalar(flow.state)))
    local needs = type(flow.needs) == 'table' and flow.needs or {}
    if #needs == 0 then
      table.insert(lines, '- nothing missing')
    end
    for _, need in ipairs(needs) do
      local setting = ('`%s`'):format(scalar(need.field))
      if present(need.value) then
        setting = ('`%s` = `%s`'):format(scalar(need.field), scalar(need.value))
      end
      local where = file_label(nil, need.uri, need.range)
        or ('no %s file in the project'):format(scalar(need.typeName))
      local recommended = need.required == false and ' (recommended)' or ''
      local why = present(need.why) and (': ' .. scalar(need.why)) or ''
      table.insert(lines, ('- %s in %s%s%s'):format(setting, where, recommended, why))
    end
  end
  return lines
end

--- Lines of markdown for a request's result.
---@param result any
---@return string[]
function M.lines(result)
  if result == nil or result == vim.NIL then
    return { 'eca-ls has nothing to report for this file' }
  end
  if type(result) == 'string' then
    return vim.split(result, '\n', { plain = true })
  end
  if type(result) == 'table' and type(result.markdown) == 'string' then
    return vim.split(result.markdown, '\n', { plain = true })
  end
  if type(result) == 'table' and present(result.app) and type(result.flows) == 'table' then
    return flows_lines(result)
  end
  if type(result) == 'table' and result.apiVersion ~= nil and result.appFiles ~= nil then
    return status_lines(result)
  end
  local lines = {}
  outline(result, 0, lines)
  return lines
end

return M
