// n8n loads the node and credential through the "n8n" field of package.json; nothing is exported here.
module.exports = {};
