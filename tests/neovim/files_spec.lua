-- Which files the plugin takes for ECA files and which filetype they get: checked against the
-- schema's own data, so a type added to server/schema/data/types cannot be missed here.
local t = require('helpers')
local files = require('eca_ls.files')

--- Every metadata type with a suffix, and every settings type, from the schema data (the
--- Connected App type too: the server offers to migrate those files).
local function schema_types()
  local types = {}
  for _, path in ipairs(vim.fn.glob(t.repo .. '/server/schema/data/types/*.json', false, true)) do
    local data = vim.json.decode(table.concat(vim.fn.readfile(path), '\n'))
    table.insert(types, data)
  end
  return types
end

--- The filetype Neovim gives a file of this name holding metadata XML.
local function filetype_of(path)
  local contents = { '<?xml version="1.0" encoding="UTF-8"?>', '<Root xmlns="http://soap.sforce.com/2006/04/metadata"/>' }
  return vim.filetype.match({ filename = path, contents = contents })
end

t.test('every suffix of the schema is an ECA file in both formats and opens as xml', function()
  local checked = 0
  for _, type_def in ipairs(schema_types()) do
    if type_def.suffix then
      checked = checked + 1
      local source = ('force-app/main/default/%s/My_App.%s-meta.xml'):format(type_def.folder, type_def.suffix)
      local mdapi = ('unpackaged/%s/My_App.%s'):format(type_def.folder, type_def.suffix)
      t.truthy(files.is_eca_file(source), 'source format not recognised: ' .. source)
      t.truthy(files.is_eca_file(mdapi), 'Metadata API format not recognised: ' .. mdapi)
      t.eq('xml', filetype_of(source), 'filetype of ' .. source)
      t.eq('xml', filetype_of(mdapi), 'filetype of ' .. mdapi)
    end
  end
  t.truthy(checked >= 13, ('only %d suffixes in the schema data'):format(checked))
  t.eq(checked, #files.suffixes, 'the plugin lists exactly the schema suffixes')
end)

t.test('the ECA settings files are ECA files in both formats and open as xml', function()
  local checked = 0
  for _, type_def in ipairs(schema_types()) do
    if type_def.kind == 'settings' then
      checked = checked + 1
      for _, path in ipairs({
        ('force-app/main/default/settings/%s.settings-meta.xml'):format(type_def.settingsName),
        ('unpackaged/settings/%s.settings'):format(type_def.settingsName),
      }) do
        t.truthy(files.is_eca_file(path), 'settings file not recognised: ' .. path)
        t.eq('xml', filetype_of(path), 'filetype of ' .. path)
      end
    end
  end
  t.eq(2, checked, 'settings types in the schema data')
end)

t.test('other Salesforce and XML files are not ECA files', function()
  for _, path in ipairs({
    'manifest/package.xml',
    'force-app/main/default/objects/Account/Account.object-meta.xml',
    'force-app/main/default/settings/Security.settings-meta.xml',
    'unpackaged/settings/Account.settings',
    'force-app/main/default/connectedApps/Portal.connectedApp.bak',
    'notes/ecaOauthPlcy',
    'notes/.ecaOauthPlcy',
    'notes/App.ecaoauthplcy',
    'notes/App.ecaUnknown-meta.xml',
    'pom.xml',
    '',
  }) do
    t.eq(false, files.is_eca_file(path), 'is_eca_file(' .. path .. ')')
  end
end)

t.test('windows paths are judged by their file name', function()
  t.truthy(files.is_eca_file([[C:\work\force-app\main\default\extlClntAppOauthPolicies\A.ecaOauthPlcy-meta.xml]]))
  t.eq(false, files.is_eca_file([[C:\work\ecaOauthPlcy\package.xml]]))
end)
