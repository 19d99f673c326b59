-- Turns the answer of a custom eca-ls request (`eca-ls/status`, `eca-ls/flows`) into lines of
-- markdown for a floating window. The server decides what the answer says: a `markdown` member
-- is shown as it is; any other value is laid out as an indented outline, so that a new field
-- appears without a change here.
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
  local lines = {}
  outline(result, 0, lines)
  return lines
end

return M
