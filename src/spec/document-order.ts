/**
 * Orders JSON pointers as their nodes appear in the file, from the parsed data alone: YAML
 * mappings keep their keys in file order, so a parent comes before its children and siblings
 * follow their keys. This sorts diagnostics by position without building the syntax tree.
 */
export function documentOrder(data: unknown): (a: string, b: string) => number {
  const paths = new Map<string, number[]>()
  const pathOf = (pointer: string): number[] => {
    let path = paths.get(pointer)
    if (path === undefined) paths.set(pointer, (path = indexPath(data, pointer)))
    return path
  }
  return (a, b) => {
    if (a === b) return 0
    const pa = pathOf(a)
    const pb = pathOf(b)
    for (let i = 0; i < pa.length && i < pb.length; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!
    return pa.length - pb.length
  }
}

/** The position of each segment among its siblings; a missing node is where its nearest ancestor is. */
function indexPath(data: unknown, pointer: string): number[] {
  if (pointer === '') return []
  const out: number[] = []
  let node = data
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    const index = Array.isArray(node)
      ? /^\d+$/.test(key) && Number(key) < node.length
        ? Number(key)
        : -1
      : node !== null && typeof node === 'object'
        ? Object.keys(node).indexOf(key)
        : -1
    if (index < 0) break
    out.push(index)
    node = (node as Record<string, unknown>)[key]
  }
  return out
}
