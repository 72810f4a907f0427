import { describe, expect, it } from 'vitest';
import { attributePaths, renderTemplate } from '../../shared/render/personalise';

const profile = {
  person: { firstName: 'Ada', lastName: 'Lovelace', nickname: '' },
  points: 12345.678,
  tier: 'gold',
  birthday: '1815-12-10T00:00:00Z',
  interests: ['maths', 'poetry'],
  cart: { total: 129.5, items: 3 },
};
const event = { name: 'cart.abandoned', product: { name: 'Analytical Engine' } };
const render = (template: string, scope = { profile, event }, options = {}) => renderTemplate(template, scope, options);

describe('personalisation: values', () => {
  it('fills profile and event attributes', () => {
    expect(render('Hi {{profile.person.firstName}}, your {{event.product.name}} is waiting').text).toBe('Hi Ada, your Analytical Engine is waiting');
  });

  it('leaves plain text as it is without parsing it', () => {
    expect(render('No expressions: { } }} <b>').text).toBe('No expressions: { } }} <b>');
  });

  it('renders a missing value as empty, never "undefined", and reports it', () => {
    const result = render('Hi {{profile.person.middleName}}!');
    expect(result.text).toBe('Hi !');
    expect(result.missing).toEqual(['profile.person.middleName']);
    expect(render('{{profile.nothing.deeper.still}}').text).toBe('');
    expect(render('{{profile.person}}').text).toBe('');
    expect(renderTemplate('{{profile.x}}', {}).text).toBe('');
  });

  it('uses the default helper for missing and empty values', () => {
    expect(render('Hi {{default profile.person.middleName "there"}}').text).toBe('Hi there');
    expect(render('Hi {{default profile.person.nickname profile.person.firstName "there"}}').text).toBe('Hi Ada');
    expect(render('Hi {{default profile.person.firstName "there"}}').text).toBe('Hi Ada');
    expect(render('Hi {{default profile.person.middleName "there"}}').missing).toEqual([]);
  });

  it('does not HTML-escape: a push is not HTML', () => {
    const result = renderTemplate('{{profile.name}} & {{{profile.name}}}', { profile: { name: '<Tom & "Jerry">' } });
    expect(result.text).toBe('<Tom & "Jerry"> & <Tom & "Jerry">');
  });
});

describe('personalisation: helpers', () => {
  it('changes case', () => {
    expect(render('{{upper profile.tier}} {{lower "ABC"}} {{capitalize profile.tier}}').text).toBe('GOLD abc Gold');
  });

  it('formats numbers', () => {
    expect(render('{{formatNumber profile.points}}').text).toBe('12,345.678');
    expect(render('{{formatNumber profile.points decimals=0}}').text).toBe('12,346');
    expect(render('{{formatNumber profile.cart.total currency="EUR"}}').text).toBe('€129.50');
    expect(render('{{formatNumber 0.25 percent=true}}').text).toBe('25%');
    expect(render('{{formatNumber profile.points decimals=2}}', undefined, { locale: 'de-DE' }).text).toBe('12.345,68');
  });

  it('formats dates in a fixed time zone so preview and sender agree', () => {
    expect(render('{{formatDate profile.birthday "long"}}').text).toBe('December 10, 1815');
    expect(render('{{formatDate profile.birthday}}').text).toBe('Dec 10, 1815');
    expect(render('{{formatDate "2024-03-01T22:30:00Z" "short" time=true}}', undefined, { timeZone: 'Europe/Paris' }).text).toBe('3/1/24, 11:30 PM');
    expect(render('{{formatDate profile.missing}}').text).toBe('');
  });

  it('truncates', () => {
    expect(render('{{truncate "Analytical Engine" 10}}').text).toBe('Analytica…');
  });

  it('supports conditionals, comparisons and loops', () => {
    expect(render('{{#if (eq profile.tier "gold")}}VIP{{else}}Hi{{/if}}').text).toBe('VIP');
    expect(render('{{#if (gt profile.cart.total 200)}}big{{else}}small{{/if}}').text).toBe('small');
    expect(render('{{#unless profile.person.nickname}}no nickname{{/unless}}').text).toBe('no nickname');
    expect(render('{{#if (and profile.tier (not profile.banned))}}ok{{/if}}').text).toBe('ok');
    expect(render('{{#each profile.interests}}{{#if @index}}, {{/if}}{{this}}{{/each}}').text).toBe('maths, poetry');
    expect(render('{{#with profile.person}}{{firstName}} {{lastName}}{{/with}}').text).toBe('Ada Lovelace');
    expect(render('{{#each profile.none}}x{{else}}nothing{{/each}}').text).toBe('nothing');
  });

  it('says what is wrong with a broken template, in words, and never throws', () => {
    expect(render('Hi {{profile.name').error).toMatch(/Template syntax/);
    expect(render('{{#if profile.tier}}x').error).toMatch(/Template syntax/);
    expect(render('{{nosuchhelper profile.tier}}').error).toMatch(/"nosuchhelper" is not a helper/);
    expect(render('{{> partial}}').error).toMatch(/partials are not supported/);
    expect(render('{{#custom}}x{{/custom}}').error).toMatch(/not a block helper/);
  });
});

describe('personalisation: safety', () => {
  it('cannot reach prototypes or constructors', () => {
    expect(render('{{constructor}}').text).toBe('');
    expect(render('{{profile.constructor}}').text).toBe('');
    expect(render('{{profile.constructor.name}}').text).toBe('');
    expect(render('{{profile.__proto__}}').text).toBe('');
    expect(render('{{profile.tier.length}}').text).toBe('');
    expect(render('{{profile.hasOwnProperty}}').text).toBe('');
    expect(render('{{profile.toString}}').text).toBe('');
    expect(render('{{#with profile.__proto__}}{{constructor}}{{/with}}').text).toBe('');
    expect(render('{{lookup profile "constructor"}}').error).toMatch(/not a helper/);
  });

  it('runs no code: the classic Handlebars prototype exploits render nothing', () => {
    const exploit = `{{#with "s" as |string|}}{{#with "e"}}{{#with split as |conslist|}}{{this.pop}}{{this.push (lookup string.sub "constructor")}}{{this.pop}}{{#with string.split as |codelist|}}{{this.pop}}{{this.push "return process.exit(1);"}}{{this.pop}}{{#each conslist}}{{#with (string.sub.apply 0 codelist)}}{{this}}{{/with}}{{/each}}{{/with}}{{/with}}{{/with}}{{/with}}`;
    const result = render(exploit);
    expect(result.text).toBe('');
    expect(render('{{#with "e"}}{{this.push "x"}}{{/with}}').error).toMatch(/not a helper/);
    const globalRef = (globalThis as Record<string, unknown>).__pwned;
    expect(globalRef).toBeUndefined();
  });

  it('ignores functions and class instances in the data', () => {
    const scope = { profile: { fn: () => 'ran', when: new Date(0), map: new Map([['a', 1]]) } };
    expect(renderTemplate('{{profile.fn}}{{profile.when.getTime}}{{profile.map.size}}', scope).text).toBe('');
  });

  it('stops runaway output', () => {
    const many = { profile: { list: Array.from({ length: 1000 }, () => 'x'.repeat(100)) } };
    expect(renderTemplate('{{#each profile.list}}{{this}}{{/each}}', many).error).toMatch(/grows past/);
  });
});

describe('attribute paths for the insert-field picker', () => {
  it('lists leaf paths of the samples, skipping unsafe names', () => {
    const paths = attributePaths('profile', { person: { firstName: 'A', address: { city: 'B' } }, tags: ['x'], ['__proto__']: 1 });
    expect([...paths].sort()).toEqual(['profile.person.address.city', 'profile.person.firstName', 'profile.tags']);
  });
});
