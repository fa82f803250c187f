// Progressive enhancement only: the form works the same without this file.
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  // Show only the follow-up questions that apply to the chosen answer.
  var blocks = document.querySelectorAll('[data-show-when]');
  function sync() {
    blocks.forEach(function (block) {
      var rule = block.getAttribute('data-show-when').split('=');
      var checked = document.querySelector('input[name="' + rule[0] + '"]:checked');
      block.hidden = !(checked && checked.value === rule[1]);
    });
  }
  document.addEventListener('change', function (event) {
    if (event.target && event.target.type === 'radio') sync();
  });
  sync();

  // One click, one reclamo: the server also deduplicates by the form's key.
  document.querySelectorAll('form').forEach(function (form) {
    form.addEventListener('submit', function () {
      var button = form.querySelector('[data-submit-once]');
      if (!button) return;
      setTimeout(function () {
        button.disabled = true;
        button.textContent = button.getAttribute('data-submit-once') || 'Enviando su reclamo…';
      }, 0);
    });
  });

  // Move focus to the error summary so screen-reader users hear what to fix.
  var summary = document.getElementById('error-summary');
  if (summary) {
    summary.focus();
    // A fragment link only scrolls; take the person into the field itself, its label in view.
    summary.addEventListener('click', function (event) {
      var link = event.target && event.target.closest ? event.target.closest('a[href^="#"]') : null;
      var target = link && document.getElementById(link.getAttribute('href').slice(1));
      if (!target) return;
      // A group of radios is named by its legend: go to its first option.
      var group = target.tagName === 'LEGEND' ? target.parentNode : null;
      var field = group ? group.querySelector('input, select, textarea') : target;
      if (!field) return;
      event.preventDefault();
      var label = group ? target : document.querySelector('label[for="' + field.id + '"]') || field;
      label.scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }
})();
