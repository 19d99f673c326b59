// Test double of Red Hat's XML extension for the eca-ls end-to-end test: it takes the id
// redhat.vscode-xml, serves the `xml` language too and registers its own completion provider
// for every XML document, offering the element names of the setting `xmlStandIn.elements` (as
// Red Hat XML does once an XML Schema is bound to a file), each marked "XML stand-in". With the
// setting empty it offers nothing, which is how the rest of the test sees it.
const vscode = require("vscode");

function activate(context) {
  const provider = {
    provideCompletionItems(document, position) {
      const names = vscode.workspace.getConfiguration("xmlStandIn", document.uri).get("elements", []);
      const line = document.lineAt(position.line).text.slice(0, position.character);
      const open = line.lastIndexOf("<");
      const range = open >= 0 ? new vscode.Range(position.line, open + 1, position.line, position.character) : undefined;
      return names.map((name) => {
        const item = new vscode.CompletionItem({ label: name, description: "XML stand-in" }, vscode.CompletionItemKind.Text);
        item.insertText = `${name}></${name}>`;
        item.range = range;
        return item;
      });
    },
  };
  context.subscriptions.push(vscode.languages.registerCompletionItemProvider({ language: "xml" }, provider, "<"));
}

module.exports = { activate, deactivate() {} };
