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

  // A count under each long text: seen at once, announced to screen readers only once typing pauses.
  document.querySelectorAll('textarea[data-contador]').forEach(function (area) {
    var min = Number(area.getAttribute('data-contador'));
    var max = Number(area.getAttribute('maxlength'));
    var largo = area.getAttribute('data-texto-largo') || 'Lleva {n} de {max} caracteres.';
    var corto = area.getAttribute('data-texto-corto') || 'Lleva {n} caracteres; escriba al menos {min}.';
    var visible = document.createElement('span');
    visible.className = 'char-count';
    visible.setAttribute('aria-hidden', 'true');
    var anuncio = document.createElement('span');
    anuncio.className = 'visually-hidden';
    anuncio.setAttribute('aria-live', 'polite');
    area.insertAdjacentElement('afterend', anuncio);
    area.insertAdjacentElement('afterend', visible);
    var pausa;
    function texto() {
      var n = Array.from(area.value).length;
      return (n < min ? corto : largo).replace('{n}', n).replace('{min}', min).replace('{max}', max);
    }
    function actualizar() {
      var n = Array.from(area.value).length;
      visible.textContent = texto();
      visible.classList.toggle('short', n > 0 && n < min);
      clearTimeout(pausa);
      pausa = setTimeout(function () { anuncio.textContent = texto(); }, 1500);
    }
    area.addEventListener('input', actualizar);
    visible.textContent = texto();
  });

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
