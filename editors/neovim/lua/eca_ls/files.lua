-- Which files are External Client App (or Connected App) metadata, by name alone: the same rules the server
-- applies (server/analysis/src/model/file_kind.rs), so that the client attaches exactly where the
-- server has something to say. Knows nothing about LSP.
local M = {}

--- Metadata API suffixes the server knows (`<name>.<suffix>-meta.xml` in source format,
--- `<name>.<suffix>` in Metadata API format): the ECA types, and `connectedApp` (the server
--- offers to migrate a Connected App to an External Client App), and `oauthtokenexchangehandler`
--- (a token exchange handler, which the flow readiness of the apps it names reads). Kept in step with
--- server/schema/data/types by tests/neovim/files_spec.lua.
M.suffixes = {
  'connectedApp',
  'eca',
  'ecaCanvas',
  'ecaGlblOauth',
  'ecaMobile',
  'ecaMobilePlcy',
  'ecaNotifications',
  'ecaOauth',
  'ecaOauthPlcy',
  'ecaOauthSecurity',
  'ecaPlcy',
  'ecaPush',
  'ecaPushPlcy',
  'ecaSamlPlcy',
  'ecaSmpl',
  'ecaSmplPlcy',
  'oauthtokenexchangehandler',
}

--- Org settings files that hold ECA settings: `settings/<Name>.settings-meta.xml` (source
--- format) or `settings/<Name>.settings` (Metadata API format).
M.settings_names = { 'ExternalClientApp', 'OauthOidc' }

local suffix_set = {}
for _, suffix in ipairs(M.suffixes) do
  suffix_set[suffix] = true
end
local settings_set = {}
for _, name in ipairs(M.settings_names) do
  settings_set[name] = true
end

--- The last component of a `/` or `\` separated path.
local function file_name(path)
  return path:match('[^/\\]*$') or path
end

--- Whether the file at `path` is an ECA metadata or settings file, judged by its name.
---@param path string
---@return boolean
function M.is_eca_file(path)
  if type(path) ~= 'string' or path == '' then
    return false
  end
  local name = file_name(path)
  local stem = name:match('^(.+)%-meta%.xml$') or name
  local base, suffix = stem:match('^(.+)%.([^.]+)$')
  if not base then
    return false
  end
  if suffix_set[suffix] then
    return true
  end
  return suffix == 'settings' and settings_set[base] == true
end

--- Make the Metadata API forms open as XML: `.ecaOauthPlcy`, `OauthOidc.settings` and the
--- others have no filetype of their own. Source-format files end in `.xml` already.
function M.add_filetypes()
  local extension = {}
  for _, suffix in ipairs(M.suffixes) do
    extension[suffix] = 'xml'
  end
  local filename = {}
  for _, name in ipairs(M.settings_names) do
    filename[name .. '.settings'] = 'xml'
  end
  vim.filetype.add({ extension = extension, filename = filename })
end

return M
