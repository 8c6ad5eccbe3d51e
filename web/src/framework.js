// The school's framework (standards and criteria), fetched once per page load.
import { call } from './api.js';

const cache = new Map();

export function getFramework(id) {
  if (!cache.has(id)) {
    const request = call('FrameworkService', 'GetFramework', { id }).catch((error) => {
      cache.delete(id);
      throw error;
    });
    cache.set(id, request);
  }
  return cache.get(id);
}

// [{code: "1.1", name, standard: 1}] in the framework's order.
export function criteriaOf(framework) {
  return (framework.standards || []).flatMap((standard) =>
    (standard.criteria || []).map((criterion) => ({
      code: criterion.code,
      name: criterion.name,
      standard: standard.number,
    })),
  );
}
