import { describe, it, expect } from 'vitest'
import { decode } from './index.js'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

const PRODUCTS = `<!DOCTYPE html>
<html><head><title>Shop</title><style>td { color: red }</style></head>
<body>
  <div id="nav"><table><tr><th>Menu</th></tr><tr><td>Home</td></tr></table></div>
  <div class="catalog main">
    <table class="products">
      <thead><tr><th>Name</th><th>Price</th><th>Stock</th></tr></thead>
      <tbody>
        <tr><td>Widget &amp; Co</td><td>9.99</td><td>120</td></tr>
        <tr><td><a href="/g">Gadget</a>
            <b>Pro</b></td><td>24.50</td><td>0</td></tr>
        <tr><th colspan="3">Clearance</th></tr>
        <tr><td>Gizmo<td>1.00</tr>
      </tbody>
    </table>
  </div>
</body></html>`

describe('html decoder', () => {
  it('extracts every table with headers from thead and skips rows holding th', () => {
    expect(decode('html', bytes(PRODUCTS))).toEqual({
      tables: [
        [{ Menu: 'Home' }],
        [
          { Name: 'Widget & Co', Price: '9.99', Stock: '120' },
          { Name: 'Gadget Pro', Price: '24.50', Stock: '0' },
          { Name: 'Gizmo', Price: '1.00', Stock: '' },
        ],
      ],
    })
  })

  it.each([
    'table.products',
    '.catalog table',
    'div.main.catalog > table',
    'body .products',
    'div.catalog',
  ])('scopes tables with the CSS selector %s', (selector) => {
    const result = decode('html', bytes(PRODUCTS), selector) as { tables: unknown[][] }
    expect(result.tables).toHaveLength(1)
    expect(result.tables[0]).toHaveLength(3)
  })

  it('selects by id and returns no tables when nothing matches', () => {
    expect(decode('html', bytes(PRODUCTS), '#nav')).toEqual({ tables: [[{ Menu: 'Home' }]] })
    expect(decode('html', bytes(PRODUCTS), 'section#missing')).toEqual({ tables: [] })
  })

  it('takes headers from a first row of th when there is no thead', () => {
    const html =
      '<table><tr><th> Code </th><th>City</th></tr><tr><td>AMS</td><td>Amsterdam</td></tr><tr><td>OSL</td></tr></table>'
    expect(decode('html', bytes(html))).toEqual({
      tables: [
        [
          { Code: 'AMS', City: 'Amsterdam' },
          { Code: 'OSL', City: '' },
        ],
      ],
    })
  })

  it('skips tables without a header and keeps nested table rows out of the outer table', () => {
    const html = `<table><tr><td>no header</td></tr></table>
      <table><tr><th>Outer</th></tr><tr><td>x<table><tr><th>Inner</th></tr><tr><td>y</td></tr></table></td></tr></table>`
    expect(decode('html', bytes(html))).toEqual({
      tables: [[{ Outer: 'x Inner y' }], [{ Inner: 'y' }]],
    })
  })

  it('rejects selector syntax it does not support, naming the selector', () => {
    expect(() => decode('html', bytes(PRODUCTS), 'table[data-x]')).toThrow(
      /CSS selector "table\[data-x\]" is not supported/,
    )
    expect(() => decode('html', bytes(PRODUCTS), 'tr:first-child')).toThrow(/not supported/)
  })

  it('survives malformed markup', () => {
    const html =
      '<table><thead><tr><th>A<th>B</thead><tr><td>1<td>2</tr></div></span><tr><td>3</td><td>4'
    expect(decode('html', bytes(html))).toEqual({
      tables: [
        [
          { A: '1', B: '2' },
          { A: '3', B: '4' },
        ],
      ],
    })
  })

  it('reads quoted attributes holding > and stays linear on an unclosed quote', () => {
    const html =
      '<table title="a > b"><tr><th>K</th></tr><tr><td data-x=\'<td>\'>v</td></tr></table>'
    expect(decode('html', bytes(html))).toEqual({ tables: [[{ K: 'v' }]] })
    const started = Date.now()
    expect(decode('html', bytes('<a "'.repeat(50_000)))).toEqual({ tables: [] })
    expect(Date.now() - started).toBeLessThan(2_000)
  })
})
