// The admin's body editor: a WYSIWYG editor (ProseMirror, from django-prose-editor's bundle) on
// every <textarea data-rich-text>. A module file importing the bundle by path: no inline script
// and no import map, so the admin works under a strict Content-Security-Policy. Without
// JavaScript the textarea stays and takes HTML; the server sanitises either way.
import {
  Blockquote, Bold, BulletList, Caption, Document, Dropcursor, Figure, Gapcursor, HTML,
  HardBreak, Heading, History, HorizontalRule, Image, Italic, Link, ListItem, Menu,
  OrderedList, Paragraph, Strike, Subscript, Superscript, Table, TableCell, TableHeader,
  TableRow, Text, Editor, initializeEditors,
} from "../django_prose_editor/editor.js";

// As the bundle's createTextareaEditor, but without the <style> element the editor would add
// (a strict CSP refuses inline styles): its base styles are in css/admin_editor.css.
function createTextareaEditor(textarea, extensions) {
  const disabled = textarea.hasAttribute("disabled");
  const wrapper = document.createElement("div");
  wrapper.className = disabled ? "prose-editor disabled" : "prose-editor";
  textarea.before(wrapper);
  wrapper.append(textarea);
  return new Editor({
    element: wrapper,
    editable: !disabled,
    extensions,
    content: textarea.value,
    injectCSS: false,
    onUpdate({ editor }) {
      const html = editor.getHTML();
      // An empty document is an empty field, not "<p></p>".
      textarea.value = /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
    onDestroy() {
      wrapper.before(textarea);
      wrapper.remove();
    },
  });
}

// Every word of the editor goes through Django's JavaScript catalogue (the admin's jsi18n
// script, loaded before this module, defines gettext; the Korean words are in
// locale/ko/LC_MESSAGES/djangojs.po). The bundle asks window.gettext for the words of its
// dialogs when it loads; they are listed here so that makemessages extracts them too.
const BUNDLE_WORDS = [
  gettext_noop("Add caption"), gettext_noop("Alternative Text"), gettext_noop("Browse..."),
  gettext_noop("Bullets"), gettext_noop("Cancel"), gettext_noop("Caption"),
  gettext_noop("Columns"), gettext_noop("Decimal numbers"), gettext_noop("Edit Figure"),
  gettext_noop("Edit HTML"), gettext_noop("Edit Image"), gettext_noop("Edit Link"),
  gettext_noop("Image URL"), gettext_noop("Include header row"), gettext_noop("Insert Figure"),
  gettext_noop("Insert Table"), gettext_noop("Insert"), gettext_noop("List properties"),
  gettext_noop("List type"), gettext_noop("Lowercase Roman numerals"),
  gettext_noop("Lowercase letters"), gettext_noop("Open in new window"), gettext_noop("Prettify"),
  gettext_noop("Remove caption"), gettext_noop("Rows"), gettext_noop("Start at"),
  gettext_noop("Table Properties"),
  gettext_noop("The HTML contents of the editor. Note that the allowed HTML is restricted by the editor schema."),
  gettext_noop("Title"), gettext_noop("Toggle fullscreen"), gettext_noop("URL"),
  gettext_noop("Update"), gettext_noop("Uppercase Roman numerals"),
  gettext_noop("Uppercase letters"),
];

// The toolbar's buttons carry no words of their own in the bundle (icons, and the commands'
// names as titles): each gets its name, in the admin's language, by its data-name.
const BUTTON_NAMES = {
  paragraph: gettext("Paragraph style"), heading2: gettext("Heading 2"),
  heading3: gettext("Heading 3"), heading4: gettext("Heading 4"),
  bulletList: gettext("Bulleted list"), orderedList: gettext("Numbered list"),
  orderedListProperties: gettext("List properties"), blockquote: gettext("Quotation"),
  horizontalRule: gettext("Horizontal line"), figure: gettext("Insert image"),
  bold: gettext("Bold"), italic: gettext("Italic"), strike: gettext("Strikethrough"),
  subscript: gettext("Subscript"), superscript: gettext("Superscript"),
  link: gettext("Insert link"), unlink: gettext("Remove link"), table: gettext("Insert table"),
  "table:addColumnAfter": gettext("Add column"), "table:deleteColumn": gettext("Delete column"),
  "table:addRowAfter": gettext("Add row"), "table:deleteRow": gettext("Delete row"),
  "table:mergeCells": gettext("Merge cells"), "table:splitCell": gettext("Split cell"),
  "table:toggleHeaderCell": gettext("Toggle header cell"),
  "table:deleteTable": gettext("Delete table"),
  "history:undo": gettext("Undo"), "history:redo": gettext("Redo"), html: gettext("Edit HTML"),
};

function nameButtons(container) {
  for (const button of container.querySelectorAll(".prose-menubar button")) {
    const name = button.dataset.name || (button.title === "paragraph" ? "paragraph" : "");
    const label = BUTTON_NAMES[name];
    if (!label) continue;
    if (button.classList.contains("prose-menubar__option")) {
      button.firstElementChild.textContent = name === "paragraph" ? gettext("Paragraph") : label;
    } else {
      button.title = label;
      button.setAttribute("aria-label", label);
    }
  }
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const editor = createTextareaEditor(textarea, [
    Document, Paragraph, Text, HardBreak, Dropcursor, Gapcursor, History, Menu, HTML,
    Heading.configure({ levels: [2, 3, 4] }),
    Bold, Italic, Strike, Subscript, Superscript,
    Link.configure({ openOnClick: false }),
    BulletList, OrderedList, ListItem, Blockquote, HorizontalRule,
    Table, TableRow, TableHeader, TableCell,
    Figure, Caption, Image,
  ]);
  // The label of the textarea names the editable area for screen readers.
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  const area = editor.view.dom;
  area.setAttribute("role", "textbox");
  area.setAttribute("aria-multiline", "true");
  if (label) {
    if (!label.id) label.id = `${textarea.id}-label`;
    area.setAttribute("aria-labelledby", label.id);
  }
  // The menu bar is built once the editor is created.
  window.setTimeout(() => nameButtons(textarea.closest(".prose-editor")), 0);
  return editor;
}

// The bundle's dialogs list a choice's words as both the option's text and its value, and
// compare the value ("Yes" === withHeaderRow): each option keeps its value and shows its
// words in the admin's language.
const OPTION_WORDS = { Yes: gettext("Yes"), No: gettext("No") };

function nameOptions(dialog) {
  for (const option of dialog.querySelectorAll("select option:not([value])")) {
    const words = OPTION_WORDS[option.textContent];
    if (!words) continue;
    option.value = option.textContent;
    option.textContent = words;
  }
}

// A dialog comes in a <div> the bundle adds beside the editor when a button asks for it.
new MutationObserver((changes) => {
  for (const change of changes) {
    for (const node of change.addedNodes) {
      if (node.nodeType === Node.ELEMENT_NODE && node.querySelector("dialog")) nameOptions(node);
    }
  }
}).observe(document.body, { childList: true, subtree: true });

initializeEditors(createEditor, "[data-rich-text]");
