// <cohesio-search> custom element
