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

// The toolbar's buttons are named in English by the bundle; in the Korean admin, Korean.
const KOREAN_BUTTONS = {
  paragraph: "문단 종류", heading2: "제목 2", heading3: "제목 3", heading4: "제목 4",
  bulletList: "글머리 기호 목록", orderedList: "번호 목록", orderedListProperties: "목록 속성",
  blockquote: "인용", horizontalRule: "가로줄", figure: "이미지 넣기", bold: "굵게",
  italic: "기울임", strike: "취소선", subscript: "아래 첨자", superscript: "위 첨자",
  link: "링크 넣기", unlink: "링크 빼기", table: "표 넣기", "table:addColumnAfter": "열 추가",
  "table:deleteColumn": "열 삭제", "table:addRowAfter": "행 추가", "table:deleteRow": "행 삭제",
  "table:mergeCells": "셀 합치기", "table:splitCell": "셀 나누기",
  "table:toggleHeaderCell": "머리글 칸 전환", "table:deleteTable": "표 삭제",
  "history:undo": "실행 취소", "history:redo": "다시 실행", html: "HTML 고치기",
};

function nameButtons(container) {
  if (document.documentElement.lang !== "ko") return;
  for (const button of container.querySelectorAll(".prose-menubar button")) {
    const name = button.dataset.name || (button.title === "paragraph" ? "paragraph" : "");
    const korean = KOREAN_BUTTONS[name];
    if (!korean) continue;
    if (button.classList.contains("prose-menubar__option")) {
      button.firstElementChild.textContent = name === "paragraph" ? "문단" : korean;
    } else {
      button.title = korean;
      button.setAttribute("aria-label", korean);
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

initializeEditors(createEditor, "[data-rich-text]");
