/** '/capability/exposes/0/tools/1' → 'capability.exposes[0].tools[1]' (how YAML authors read paths). */
export function describePointer(pointer: string): string {
  if (pointer === '') return 'the document root'
  let out = ''
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (/^\d+$/.test(segment)) out += `[${segment}]`
    else out += (out === '' ? '' : '.') + segment
  }
  return out
}

export function parentPointer(pointer: string): string {
  const i = pointer.lastIndexOf('/')
  return i <= 0 ? '' : pointer.slice(0, i)
}

export function lastSegment(pointer: string): string {
  return pointer
    .slice(pointer.lastIndexOf('/') + 1)
    .replace(/~1/g, '/')
    .replace(/~0/g, '~')
}
