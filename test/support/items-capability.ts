/** A capability whose one upstream, `up`, lists `/items` (GET `up.list`), with the given exposes. */
export function itemsCapability(label: string, exposes: string): string {
  return `naftiko: 1.0.0-alpha2
info: {label: ${label}, description: ${label} over an items upstream}
capability:
  consumes:
    - type: http
      namespace: up
      baseUri: http://upstream.test
      resources:
        - {name: items, path: /items, operations: [{name: list, method: GET}]}
  exposes:
${exposes}`
}

/** A REST expose `api` on port 8080 serving GET /items through `up.list` (operation `list-items`). */
export const ITEMS_REST = `    - type: rest
      namespace: api
      port: 8080
      resources:
        - path: /items
          name: items
          operations:
            - {method: GET, name: list-items, call: up.list}
`
