;;; eca-ls.el --- Salesforce External Client App metadata with eca-ls and eglot  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "26.3") (eglot "1.9"))
;; Keywords: languages, tools, xml, salesforce
;; URL: https://github.com/eca-ls/eca-ls
;; SPDX-License-Identifier: MIT OR Apache-2.0

;;; Commentary:

;; Opens the Salesforce External Client App (ECA) metadata files in `eca-ls-xml-mode', an
;; `nxml-mode' of their own, and starts the eca-ls language server for them through eglot
;; (built into Emacs 29 and later; the `eglot' package of GNU ELPA, or Debian's `elpa-eglot',
;; for Emacs 26.3 to 28).  Other XML files keep plain `nxml-mode' and never reach eca-ls.
;;
;;   (add-to-list 'load-path "/path/to/eca-ls/editors/emacs")
;;   (require 'eca-ls)
;;
;; `eca-ls' must be on `exec-path' (or set `eca-ls-program').  Completion is `completion-at-point'
;; (C-M-i), diagnostics are flymake's (M-x flymake-show-buffer-diagnostics), hover is eldoc.

;;; Code:

(require 'nxml-mode)
(require 'eglot)

(defgroup eca-ls nil
  "Salesforce External Client App metadata with the eca-ls language server."
  :group 'languages
  :prefix "eca-ls-")

(defcustom eca-ls-program "eca-ls"
  "The eca-ls binary: a name looked up on `exec-path', or a file name."
  :type 'string)

(defconst eca-ls-file-regexp
  (concat "\\(?:\\.\\(?:connectedApp\\|eca\\|ecaCanvas\\|ecaGlblOauth\\|ecaMobile\\|ecaMobilePlcy\\|ecaNotifications"
          "\\|ecaOauth\\|ecaOauthPlcy\\|ecaOauthSecurity\\|ecaPlcy\\|ecaPush\\|ecaPushPlcy"
          "\\|ecaSamlPlcy\\|ecaSmpl\\|ecaSmplPlcy\\|oauthtokenexchangehandler\\)"
          "\\|/settings/\\(?:ExternalClientApp\\|OauthOidc\\)\\.settings\\)"
          "\\(?:-meta\\.xml\\)?\\'")
  "File names of ECA metadata: source format (-meta.xml) and Metadata API format.")

(defvar eca-ls-xml-mode-syntax-table
  (let ((table (make-syntax-table nxml-mode-syntax-table)))
    ;; nxml makes `<' and `>' part of a symbol, so that completion would take `<guest' as the
    ;; text to complete; eca-ls's items complete the name after the `<' (the range of their
    ;; edits), as other LSP clients read them.
    (modify-syntax-entry ?< "." table)
    (modify-syntax-entry ?> "." table)
    table)
  "Syntax table of `eca-ls-xml-mode'.")

;;;###autoload
(define-derived-mode eca-ls-xml-mode nxml-mode "ECA"
  "`nxml-mode' for Salesforce External Client App metadata.
Checked by eca-ls through eglot."
  :syntax-table eca-ls-xml-mode-syntax-table)

;;;###autoload
(add-to-list 'auto-mode-alist (cons eca-ls-file-regexp #'eca-ls-xml-mode))

;; The files stay XML for the server (language id "xml"); the command is read when eglot starts.
(add-to-list 'eglot-server-programs
             `((eca-ls-xml-mode :language-id "xml") . ,(lambda (&rest _) (list eca-ls-program))))

(add-hook 'eca-ls-xml-mode-hook #'eglot-ensure)

(provide 'eca-ls)
;;; eca-ls.el ends here
