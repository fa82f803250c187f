// Progressive enhancement of the hoja's address (partials/ubicacion.hbs): the provincia and distrito
// lists fill in place as the person chooses, instead of the round trip the «Ver…» buttons make without
// JavaScript. The lists come from GET /api/v1/ubigeos?padre=…, the same INEI list the server checks.
(function () {
  'use strict';
  var block = document.querySelector('[data-ubicacion]');
  if (!block || !window.fetch) return;
  var api = block.getAttribute('data-api');
  var departamento = block.querySelector('#departamento');
  var provincia = block.querySelector('#provincia');
  var distrito = block.querySelector('#ubigeo');
  var elegido = block.querySelector('#ubigeo-elegido');
  if (!departamento || !provincia || !distrito || !elegido) return;

  // The round-trip buttons and their instructions are not needed any more. Removed, not hidden: the
  // first submit button of a form is the one Enter presses in a text field.
  Array.prototype.forEach.call(block.querySelectorAll('.sin-js'), function (element) {
    var describedBy = document.querySelectorAll('[aria-describedby~="' + element.id + '"]');
    Array.prototype.forEach.call(describedBy, function (field) {
      var ids = field.getAttribute('aria-describedby').split(' ').filter(function (id) { return id && id !== element.id; });
      if (ids.length) field.setAttribute('aria-describedby', ids.join(' '));
      else field.removeAttribute('aria-describedby');
    });
    element.parentNode.removeChild(element);
  });

  function fill(select, placeholder, items) {
    while (select.options.length) select.remove(0);
    select.add(new Option(placeholder, ''));
    items.forEach(function (item) { select.add(new Option(item.nombre, item.codigo)); });
  }

  function load(padre, select, placeholder, waiting) {
    fill(select, waiting, []);
    if (!padre) return Promise.resolve();
    return fetch(api + '?padre=' + encodeURIComponent(padre), { headers: { accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : { ubigeos: [] }; })
      .then(function (body) { fill(select, placeholder, body.ubigeos || []); })
      .catch(function () { fill(select, placeholder, []); });
  }

  function nameOf(select) {
    var option = select.options[select.selectedIndex];
    return option && option.value ? option.text : '';
  }

  // «Eligió: Miraflores, provincia de Lima, departamento de Lima»: the whole name, every time.
  function showChoice() {
    while (elegido.firstChild) elegido.removeChild(elegido.firstChild);
    if (!distrito.value) return;
    elegido.appendChild(document.createTextNode('Eligió: '));
    var strong = document.createElement('strong');
    strong.textContent = nameOf(distrito) + ', provincia de ' + nameOf(provincia) + ', departamento de ' + nameOf(departamento);
    elegido.appendChild(strong);
  }

  departamento.addEventListener('change', function () {
    fill(distrito, 'Primero elija la provincia', []);
    showChoice();
    load(departamento.value, provincia, 'Elija la provincia', departamento.value ? 'Cargando provincias…' : 'Primero elija el departamento');
  });
  provincia.addEventListener('change', function () {
    showChoice();
    load(provincia.value, distrito, 'Elija el distrito', provincia.value ? 'Cargando distritos…' : 'Primero elija la provincia');
  });
  distrito.addEventListener('change', showChoice);
})();
