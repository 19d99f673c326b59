-- How the answers of `eca-ls/status` and `eca-ls/flows` are laid out in the `:EcaLs` windows:
-- the documented shapes as short reports, anything else as an outline.
local t = require('helpers')
local report = require('eca_ls.report')

local home = vim.env.HOME

t.test('a status answer names the type, the API version and its source, and the app files', function()
  t.eq({
    '**ExtlClntAppOauthConfigurablePolicies** (source-format file suffix `.ecaOauthPlcy-meta.xml`)',
    '',
    'API version **66.0**: sourceApiVersion in /p/sfdx-project.json',
    'Project: /p',
    'App **Portal**, files:',
    '- ~/p/Portal.eca-meta.xml (ExternalClientApplication)',
    '- ~/p/Portal_oauthPlcy.ecaOauthPlcy-meta.xml (ExtlClntAppOauthConfigurablePolicies)',
  }, report.lines({
    uri = 'file:///p/Portal_oauthPlcy.ecaOauthPlcy-meta.xml',
    typeName = 'ExtlClntAppOauthConfigurablePolicies',
    detection = 'source-format file suffix `.ecaOauthPlcy-meta.xml`',
    apiVersion = '66.0',
    apiVersionSource = 'sourceApiVersion in /p/sfdx-project.json',
    projectRoot = '/p',
    app = 'Portal',
    appFiles = {
      { path = home .. '/p/Portal.eca-meta.xml', typeName = 'ExternalClientApplication', uri = vim.NIL },
      { path = home .. '/p/Portal_oauthPlcy.ecaOauthPlcy-meta.xml', typeName = 'ExtlClntAppOauthConfigurablePolicies' },
    },
  }))
end)

t.test('a status answer for a file of no app or of no type says so', function()
  local lines = report.lines({ typeName = 'OauthOidcSettings', detection = vim.NIL, apiVersion = '66.0', app = vim.NIL, appFiles = {} })
  t.eq('**OauthOidcSettings**', lines[1])
  t.contains(lines, 'No app: the file names no `externalClientApplication`')
  lines = report.lines({ typeName = vim.NIL, apiVersion = '66.0', app = vim.NIL, appFiles = {} })
  t.eq('Not an External Client App file', lines[1])
end)

t.test('a status answer for a file the .forceignore leaves out says so first, with the line', function()
  local lines = report.lines({
    typeName = 'ExternalClientApplication',
    apiVersion = '66.0',
    app = 'Portal',
    appFiles = {},
    ignoredBy = '`.forceignore` line 3: `templates/`',
  })
  t.eq('Not checked: left out by `.forceignore` line 3: `templates/` (the setting `includeIgnored` checks it)', lines[1])
  t.eq('**ExternalClientApplication**', lines[3])
end)

t.test('a flows answer lists each flow with its state and what it still needs, and where', function()
  t.eq({
    '**Portal**: flow readiness',
    '',
    '### Authorization Code and Credentials Flow: incomplete',
    '- `isNamedUserJwtEnabled` = `true` in ~/p/Portal_glbloauth.ecaGlblOauth-meta.xml:11: guest users need JWT-based tokens',
    '- `oAuthCdCrdtFlowEnable` = `true` in no OauthOidcSettings file in the project: the org must allow the flow',
    '- `isPkceRequired` in ~/p/Portal_glbloauth.ecaGlblOauth-meta.xml (recommended): public clients should use PKCE',
    '',
    '### Client credentials flow: ready',
    '- nothing missing',
  }, report.lines({
    app = 'Portal',
    flows = {
      {
        flowId = 'code-credentials',
        name = 'Authorization Code and Credentials Flow',
        state = 'incomplete',
        needs = {
          {
            typeName = 'ExtlClntAppGlobalOauthSettings',
            field = 'isNamedUserJwtEnabled',
            value = 'true',
            uri = vim.uri_from_fname(home .. '/p/Portal_glbloauth.ecaGlblOauth-meta.xml'),
            range = { start = { line = 10, character = 4 }, ['end'] = { line = 10, character = 30 } },
            why = 'guest users need JWT-based tokens',
            required = true,
            fix = vim.NIL,
          },
          {
            typeName = 'OauthOidcSettings',
            field = 'oAuthCdCrdtFlowEnable',
            value = 'true',
            uri = vim.NIL,
            range = vim.NIL,
            why = 'the org must allow the flow',
            required = true,
          },
          {
            typeName = 'ExtlClntAppGlobalOauthSettings',
            field = 'isPkceRequired',
            value = vim.NIL,
            uri = vim.uri_from_fname(home .. '/p/Portal_glbloauth.ecaGlblOauth-meta.xml'),
            range = vim.NIL,
            why = 'public clients should use PKCE',
            required = false,
          },
        },
      },
      { flowId = 'client-credentials', name = 'Client credentials flow', state = 'ready', needs = {} },
    },
  }))
end)

t.test('an app that switches no flow on says so', function()
  t.eq({ '**Portal**: flow readiness', '', "No OAuth flow is switched on in this app's files." }, report.lines({ app = 'Portal', flows = {} }))
end)

t.test('markdown is shown as sent, text as it is, nothing as a note, anything else as an outline', function()
  t.eq({ '# App', '', 'ready' }, report.lines({ markdown = '# App\n\nready' }))
  t.eq({ 'plain', 'text' }, report.lines('plain\ntext'))
  t.eq({ 'eca-ls has nothing to report for this file' }, report.lines(vim.NIL))
  t.eq({
    '**name**: Guest',
    '**checks**:',
    '  - **name**: jwt',
    '    **state**: off',
    '    **where**:',
    '      - ~/p/a.xml',
    '  - plain',
    '**count**: 2',
    '**empty**:',
    '  - (none)',
  }, report.lines({
    count = 2,
    name = 'Guest',
    empty = {},
    checks = { { state = 'off', name = 'jwt', where = { home .. '/p/a.xml' } }, 'plain' },
  }))
end)

t.test('in an outline, a uri beside a path is left out', function()
  t.eq({ '**path**: /elsewhere/a.xml' }, report.lines({ path = '/elsewhere/a.xml', uri = 'file:///elsewhere/a.xml' }))
end)
