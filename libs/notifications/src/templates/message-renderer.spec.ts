import { ContenidoMensaje, TIPOS_MENSAJE, TipoMensaje } from '../mensajes/tipo-mensaje';
import { MessageRenderer } from './message-renderer';

const ENTIDAD = 'Ministerio de Educación';

const SAMPLES: { [T in TipoMensaje]: ContenidoMensaje[T] } = {
  acuse_recibo: {
    entidadNombre: ENTIDAD,
    codigo: 'MINEDU-2026-000123',
    resumen: 'Esperé más de tres horas <sin> atención & me retiré.',
    vence: '2027-01-08',
    plazoDiasHabiles: 30,
    seguimientoUrl: 'https://reclamos.gob.pe/seguimiento?codigo=MINEDU-2026-000123',
  },
  plazo_por_vencer: {
    entidadNombre: ENTIDAD,
    codigo: 'MINEDU-2026-000123',
    vence: '2027-01-08',
    diasHabilesRestantes: 5,
    backofficeUrl: 'https://backoffice.reclamos.gob.pe/casos/abc',
  },
  plazo_vencido: {
    entidadNombre: ENTIDAD,
    codigo: 'MINEDU-2026-000123',
    vence: '2027-01-08',
    diasHabilesRestantes: -2,
    backofficeUrl: 'https://backoffice.reclamos.gob.pe/casos/abc',
  },
  solicitud_subsanacion: {
    entidadNombre: ENTIDAD,
    codigo: 'MINEDU-2026-000123',
    observacion: 'Indique la fecha en que acudió a la sede.',
    plazoDiasHabiles: 2,
    venceSubsanacion: '2026-11-25',
    dondeResponder: 'Hágala llegar a Ministerio de Educación por su mesa de partes (presencial o virtual).',
    seguimientoUrl: 'https://reclamos.gob.pe/seguimiento?codigo=MINEDU-2026-000123',
    responderUrl: 'https://reclamos.gob.pe/subsanacion?codigo=MINEDU-2026-000123&t=41.abc',
    plazoDuranteSubsanacion: 'Mientras usted responde, el plazo de la entidad para atender su reclamo sigue corriendo: la fecha máxima de respuesta no cambia.',
  },
  subsanacion_vencida: {
    entidadNombre: ENTIDAD,
    codigo: 'MINEDU-2026-000123',
    venceSubsanacion: '2026-12-02',
    backofficeUrl: 'https://backoffice.reclamos.gob.pe/casos/abc',
  },
  notificacion_fallida: {
    entidadNombre: ENTIDAD,
    codigo: 'MINEDU-2026-000123',
    vence: '2027-01-08',
    backofficeUrl: 'https://backoffice.reclamos.gob.pe/casos/abc',
  },
  reconduccion: {
    entidadNombre: ENTIDAD,
    codigo: 'MINEDU-2026-000123',
    canalDestino: 'Denuncia ante la Plataforma Digital Única de Denuncias del Ciudadano',
    motivo: 'Lo que describe es un presunto acto de corrupción <de un servidor>.',
    canalContacto: 'Regístrela en la Plataforma Digital Única de Denuncias del Ciudadano.',
    canalUrl: 'https://denuncias.servicios.gob.pe/',
  },
  traslado: {
    entidadNombre: ENTIDAD,
    codigo: 'MINEDU-2026-000123',
    entidadDestinoNombre: 'UGEL 07',
    nuevoCodigo: 'UGEL07-2026-000045',
    nuevoVence: '2027-01-08',
    plazoDiasHabiles: 30,
    seguimientoUrl: 'https://reclamos.gob.pe/seguimiento?codigo=UGEL07-2026-000045',
  },
  respuesta: {
    entidadNombre: ENTIDAD,
    codigo: 'MINEDU-2026-000123',
    hechos: 'Usted esperó tres horas el 2 de noviembre.',
    analisis: 'La ventanilla tuvo un solo servidor & no se avisó la demora.',
    medidasAdoptadas: ['Turnos con hora fija', 'Aviso por SMS cuando el documento esté listo'],
    fechaNotificacion: '2026-11-20',
    seguimientoUrl: 'https://reclamos.gob.pe/seguimiento?codigo=MINEDU-2026-000123',
    encuestaUrl: 'https://reclamos.gob.pe/encuesta?codigo=MINEDU-2026-000123&t=abc',
  },
  restablecer_password: {
    entidadNombre: ENTIDAD,
    nombre: 'Ana Torres',
    enlace: 'https://backoffice.reclamos.gob.pe/restablecer/tok',
    expiraEnMinutos: 30,
  },
  invitacion_personal: {
    entidadNombre: ENTIDAD,
    nombre: 'Ana Torres',
    rol: 'Responsable del libro (alterno)',
    enlace: 'https://backoffice.reclamos.gob.pe/invitacion/tok',
    expiraEnDias: 7,
  },
  subsanacion_respondida: {
    entidadNombre: ENTIDAD,
    codigo: 'MINEDU-2026-000123',
    adjuntos: 2,
    vence: '2027-01-12',
    diasPausados: 2,
    backofficeUrl: 'https://backoffice.reclamos.gob.pe/casos/abc',
  },
};

describe('MessageRenderer', () => {
  const renderer = new MessageRenderer();

  describe.each([...TIPOS_MENSAJE])('%s', (tipo) => {
    const message = renderer.render(tipo, SAMPLES[tipo]);

    it('is Spanish, accessible HTML with one h1, the entity name and a plain-text twin', () => {
      expect(message.html).toMatch(/^<!DOCTYPE html>/);
      expect(message.html).toContain('<html lang="es">');
      expect(message.html).toContain(`<title>${message.subject}</title>`);
      expect(message.html.match(/<h1[ >]/g)).toHaveLength(1);
      expect(message.html).not.toMatch(/<img/);
      expect(message.html).toContain(ENTIDAD);
      expect(message.text).toContain(ENTIDAD);
      expect(message.text).not.toMatch(/<\/?(p|h[1-6]|a|dl|dt|dd|ul|li|html|body)[ >]/i);
      expect(message.subject.length).toBeGreaterThan(10);
    });

    it('has links with descriptive text (no "haga clic aquí")', () => {
      for (const [, label] of message.html.matchAll(/<a href="[^"]+">([^<]+)<\/a>/g)) {
        expect(label.trim().length).toBeGreaterThan(8);
        expect(label.toLowerCase()).not.toMatch(/aqu[ií]/);
      }
    });
  });

  it('acknowledgement: code, summary escaped in HTML, due date in words, tracking link; no personal data it was not given', () => {
    const m = renderer.render('acuse_recibo', SAMPLES.acuse_recibo);
    expect(m.subject).toBe('Registramos su reclamo MINEDU-2026-000123 – Ministerio de Educación');
    expect(m.html).toContain('MINEDU-2026-000123');
    expect(m.html).toContain('Esperé más de tres horas &lt;sin&gt; atención &amp; me retiré.');
    expect(m.text).toContain('Esperé más de tres horas <sin> atención & me retiré.');
    expect(m.html).toContain('8 de enero de 2027');
    expect(m.text).toContain('30 días hábiles; vence el viernes, 8 de enero de 2027');
    expect(m.html).toContain('href="https://reclamos.gob.pe/seguimiento?codigo&#x3D;MINEDU-2026-000123"');
    expect(m.text).toContain('https://reclamos.gob.pe/seguimiento?codigo=MINEDU-2026-000123');
    expect(m.text).toContain('constancia de registro en PDF');
  });

  it('reminder: code, due date, business days left and the back-office link', () => {
    const m = renderer.render('plazo_por_vencer', SAMPLES.plazo_por_vencer);
    expect(m.subject).toBe('Reclamo MINEDU-2026-000123: vence el viernes, 8 de enero de 2027');
    expect(m.text).toContain('Quedan 5 días hábiles');
    expect(m.text).toContain('Días hábiles restantes: 5');
    expect(m.text).toContain('https://backoffice.reclamos.gob.pe/casos/abc');
    expect(renderer.render('plazo_por_vencer', { ...SAMPLES.plazo_por_vencer, diasHabilesRestantes: 1 }).text).toContain('Queda 1 día hábil');
  });

  it('escalation says it is overdue', () => {
    const m = renderer.render('plazo_vencido', SAMPLES.plazo_vencido);
    expect(m.subject).toContain('plazo vencido');
    expect(m.text).toContain('no fue respondido dentro del plazo');
  });

  it('response: code, facts, analysis, each measure adopted, the notification date, the survey and the tracking page', () => {
    const m = renderer.render('respuesta', SAMPLES.respuesta);
    expect(m.subject).toBe('Respuesta a su reclamo MINEDU-2026-000123 – Ministerio de Educación');
    expect(m.html).toContain('<h2 style="font-size:18px;margin:24px 0 8px;">Medidas adoptadas</h2>');
    expect(m.html).toContain('<li>Turnos con hora fija</li>');
    expect(m.html).toContain('La ventanilla tuvo un solo servidor &amp; no se avisó la demora.');
    expect(m.text).toContain('QUÉ PASÓ\nUsted esperó tres horas el 2 de noviembre.');
    expect(m.text).toContain('NUESTRO ANÁLISIS\nLa ventanilla tuvo un solo servidor & no se avisó la demora.');
    expect(m.text).toContain('- Aviso por SMS cuando el documento esté listo');
    expect(m.text).toContain('Fecha de notificación: viernes, 20 de noviembre de 2026');
    expect(m.text).toContain('sin su nombre ni su documento:\nhttps://reclamos.gob.pe/encuesta?codigo=MINEDU-2026-000123&t=abc');
    expect(m.text).toContain('puede volver a leer esta respuesta:\nhttps://reclamos.gob.pe/seguimiento?codigo=MINEDU-2026-000123');
    expect(m.html).toContain('>Calificar la atención de su reclamo MINEDU-2026-000123</a>');
    expect(m.html).toContain('>ver el reclamo MINEDU-2026-000123</a>');
  });

  it('subsanación: what is missing, the 2 business days with the last day, and how to reply', () => {
    const m = renderer.render('solicitud_subsanacion', SAMPLES.solicitud_subsanacion);
    expect(m.subject).toBe('Complete la información de su reclamo MINEDU-2026-000123 – Ministerio de Educación');
    expect(m.text).toContain('Indique la fecha en que acudió a la sede.');
    expect(m.text).toContain('Tiene 2 días hábiles, hasta el miércoles 25 de noviembre de 2026, 23:59 (hora de Lima)');
    expect(m.text).toContain('el plazo de la entidad para atender su reclamo sigue corriendo');
    expect(m.text).toContain('CÓMO RESPONDER\nResponda en línea');
    expect(m.text).toContain('https://reclamos.gob.pe/subsanacion?codigo=MINEDU-2026-000123&t=41.abc');
    expect(m.text).toContain('en persona: Hágala llegar a Ministerio de Educación por su mesa de partes (presencial o virtual). Indique el código MINEDU-2026-000123.');
    expect(m.text).toContain('https://reclamos.gob.pe/seguimiento?codigo=MINEDU-2026-000123');
    expect(m.html).toContain('>Responder en línea a la solicitud del reclamo MINEDU-2026-000123</a>');
  });

  it('subsanación respondida: to staff, the code, the files, the due date and how far a pause moved it, never the reply itself', () => {
    const m = renderer.render('subsanacion_respondida', SAMPLES.subsanacion_respondida);
    expect(m.subject).toBe('Reclamo MINEDU-2026-000123: el ciudadano completó la información pedida');
    expect(m.text).toContain('y adjuntó 2 archivos');
    expect(m.text).toContain('Fecha máxima de respuesta: martes, 12 de enero de 2027 (se corrió 2 días hábiles');
    expect(m.text).toContain('https://backoffice.reclamos.gob.pe/casos/abc');
    const sinPausa = renderer.render('subsanacion_respondida', { ...SAMPLES.subsanacion_respondida, adjuntos: 0, diasPausados: 0 });
    expect(sinPausa.text).not.toContain('adjuntó');
    expect(sinPausa.text).not.toContain('se corrió');
  });

  it('reconducción says where it went, why (escaped) and how to reach the channel; the link is optional', () => {
    const withUrl = renderer.render('reconduccion', SAMPLES.reconduccion);
    expect(withUrl.html).toContain('Lo que describe es un presunto acto de corrupción &lt;de un servidor&gt;.');
    expect(withUrl.html).toContain('<a href="https://denuncias.servicios.gob.pe/">Ir a Denuncia ante la Plataforma Digital Única de Denuncias del Ciudadano</a>');
    const r = renderer.render('reconduccion', { ...SAMPLES.reconduccion, canalUrl: undefined });
    expect(r.text).toContain('A dónde fue: Denuncia ante la Plataforma Digital Única de Denuncias del Ciudadano');
    expect(r.text).toContain('Por qué: Lo que describe es un presunto acto de corrupción <de un servidor>.');
    expect(r.text).toContain('Cómo comunicarse con ese canal: Regístrela en la Plataforma');
    expect(r.html).not.toContain('<a href');
  });

  it('traslado: the receiving entity, the new code there and its due date, tracked with the new code', () => {
    const t = renderer.render('traslado', SAMPLES.traslado);
    expect(t.subject).toBe('Su reclamo MINEDU-2026-000123 fue trasladado a UGEL 07');
    expect(t.text).toContain('Nuevo código: UGEL07-2026-000045');
    expect(t.text).toContain('Plazo de respuesta: 30 días hábiles; vence el viernes, 8 de enero de 2027');
    expect(t.text).toContain('https://reclamos.gob.pe/seguimiento?codigo=UGEL07-2026-000045');
    expect(t.html).toContain('<strong>UGEL07-2026-000045</strong>');
  });

  it('staff messages: reset link with its expiry, invitation with role and entity', () => {
    expect(renderer.render('restablecer_password', SAMPLES.restablecer_password).text).toContain('vence en 30 minutos');
    const i = renderer.render('invitacion_personal', SAMPLES.invitacion_personal);
    expect(i.text).toContain('con el rol Responsable del libro (alterno)');
    expect(i.text).toContain('https://backoffice.reclamos.gob.pe/invitacion/tok');
  });

  it('fails loudly on missing data instead of sending a message with holes', () => {
    expect(() => renderer.render('acuse_recibo', { entidadNombre: ENTIDAD } as never)).toThrow();
  });
});
