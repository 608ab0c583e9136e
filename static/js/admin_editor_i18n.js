// The body editor's dialog labels in Korean. The editor (static/js/admin_editor.js) asks
// gettext() for them and keeps the gettext it finds when its module loads, so this classic
// script runs first (the admin's JavaScript catalog comes before it) and answers the editor's
// own words in the Korean admin.
"use strict";
(function () {
  if (document.documentElement.lang !== "ko") return;
  const KOREAN = {
    "Add caption": "설명 추가",
    "Alternative Text": "대체 텍스트 (이미지가 보여 주는 내용, 필수)",
    "Bullets": "글머리 기호",
    "Cancel": "취소",
    "Caption": "이미지 설명",
    "Columns": "열 수",
    "Decimal numbers": "숫자",
    "Edit Figure": "그림 고치기",
    "Edit HTML": "HTML 고치기",
    "Edit Image": "이미지 고치기",
    "Edit Link": "링크 고치기",
    "Image URL": "이미지 주소",
    "Include header row": "머리글 행 포함",
    "Insert Figure": "그림 넣기",
    "Insert Table": "표 넣기",
    "Insert": "넣기",
    "List properties": "목록 속성",
    "List type": "목록 종류",
    "Open in new window": "새 창에서 열기",
    "Prettify": "정리",
    "Remove caption": "설명 지우기",
    "Rows": "행 수",
    "Start at": "시작 번호",
    "Table Properties": "표 속성",
    "Title": "제목",
    "Toggle fullscreen": "전체 화면",
    "URL": "주소",
    "Update": "고치기",
  };
  const original = window.gettext || ((msgid) => msgid);
  window.gettext = (msgid) => KOREAN[msgid] || original(msgid);
})();
