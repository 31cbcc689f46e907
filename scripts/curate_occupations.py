"""CURATION ONLY (never run by the bot or the tests): draft `occupations.yaml` from hand-written
skill lists plus facts looked up in the O*NET 29.3 tables and the BLS OEWS titles.

    .venv/bin/pip install openpyxl            # dev only
    .venv/bin/python scripts/curate_occupations.py --onet ../shared/onet --out \
        careermate_bot/knowledge/data/occupations.yaml

What comes from where:
- skills (core / nice-to-have), next-step roles, families, role titles and most aliases:
  hand-written below (SPEC), reviewed against O*NET technology skills, skills, knowledge and
  related occupations;
- description (first sentence), reported job titles (extra aliases), job zone, typical education
  (most common "Required Level of Education") and related work experience: O*NET 29.3
  (USDOL/ETA, CC BY 4.0), modified;
- soc_title: the BLS OEWS occupation name for the SOC code (so wages line up).
The generated YAML is committed and reviewed; this script documents how it was drafted.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from careermate_bot.knowledge.wages import WageStore  # noqa: E402
from careermate_bot.knowledge.wages_db import ensure_wage_database  # noqa: E402

EDUCATION = {
    1: "Less than a high school diploma",
    2: "High school diploma or equivalent",
    3: "Post-secondary certificate",
    4: "Some college",
    5: "Associate's degree",
    6: "Bachelor's degree",
    7: "Post-baccalaureate certificate",
    8: "Master's degree",
    9: "Post-master's certificate",
    10: "First professional degree",
    11: "Doctoral degree",
    12: "Post-doctoral training",
}
ZONE_EDUCATION = {
    1: "High school diploma or less",
    2: "High school diploma or equivalent",
    3: "Post-secondary certificate or associate's degree",
    4: "Bachelor's degree",
    5: "Graduate degree",
}
# O*NET "Related Work Experience" categories -> years (category midpoints, rounded down).
RW_YEARS = {1: 0, 2: 0, 3: 0.2, 4: 0.4, 5: 0.75, 6: 1, 7: 2, 8: 4, 9: 6, 10: 8, 11: 10}

SPEC: list[dict[str, Any]] = []
# O*NET reported titles too generic or misleading to use as aliases (reviewed by hand).
DROP_ALIASES = {
    a.casefold()
    for a in [
        "Designer",
        "Design Director",
        "Artist",
        "Planner",
        "Researcher",
        "Analyst",
        "Engineer",
        "Instructor",
        "Professor",
        "Assistant Professor",
        "Teacher",
        "Classroom Teacher",
        "Scientist",
        "Technologist",
        "Engineering Technologist",
        "Driver",
        "Captain",
        "Deputy",
        "Loader",
        "Clinician",
        "Clinical Instructor",
        "Checker",
        "Store Clerk",
        "Sales Agent",
        "Store Manager",
        "Business Development Manager",
        "Chief Financial Officer",
        "CFO",
        "Accounting Manager",
        "Equipment Operator",
        "Machine Operator",
        "Service Technician",
        "Service Man",
        "Field Service Technician",
        "Mobile Examiner",
        "Lab Liaison Technician",
        "Account Supervisor",
        "Client Services Administrator",
        "Driver License Examiner",
        "License Examiner",
        "Motor Vehicle Clerk",
        "Public Service Representative",
        "PSR",
        "Financial Aid Counselor",
        "Attorney General",
        "Anchor",
        "News Editor",
        "Cloud Product Director",
        "Computer Specialist",
        "Control System Computer Scientist",
        "Systems Specialist",
        "Systems Engineer",
        "Wirer",
        "Post Framer",
        "Combination Technician",
        "Personal Trainer",
        "CSM",
        "Research Associate",
        "Case Manager",
        "Information Technology Specialist",
        "Study Director",
        "Infection Control Practitioner",
        "ICP",
        "Communications Officer",
        "Communications Operator",
        "Spotter Driver",
    ]
}


def R(  # a compact constructor for the spec table
    id: str,
    onet: str,
    family: str,
    core: list[str],
    nice: list[str],
    next: list[str] = (),  # type: ignore[assignment]
    exp: float | None = None,
    title: str | None = None,
    aliases: list[str] = (),  # type: ignore[assignment]
    desc: str | None = None,
    source: str = "onet",
    edu: str | None = None,
    soc: str | None = None,
    zone: int | None = None,
) -> None:
    SPEC.append(
        dict(
            id=id,
            onet=onet,
            family=family,
            core=core,
            nice=nice,
            next=list(next),
            exp=exp,
            title=title,
            aliases=list(aliases),
            desc=desc,
            source=source,
            edu=edu,
            soc=soc,
            zone=zone,
        )
    )


def C(**kw: Any) -> None:  # a role entry written by us (not an O*NET title)
    R(source="careermate", **kw)


# fmt: off
# ===================================== TECH ======================================================
R("software-developer", "15-1252.00", "tech", title="Software Developer", exp=0,
  aliases=["software engineer", "SWE", "application developer", "software dev", "developer",
           "programmer", "applications developer", "software development engineer"],
  core=["Software development", "Java", "Python", "Git", "Data structures and algorithms",
        "Object-oriented programming", "SQL", "Unit testing"],
  nice=["JavaScript", "C#", "C++", "Go", "REST APIs", "Docker", "Amazon Web Services", "Agile",
        "Code review", "System design", "CI/CD", "Linux"],
  next=["software-architect", "software-engineering-manager", "machine-learning-engineer",
        "devops-engineer"])
C(id="backend-developer", onet="15-1252.00", family="tech", title="Backend Developer", exp=1,
  aliases=["backend engineer", "back-end developer", "back end developer",
           "server-side developer", "API developer"],
  desc="Builds the server side of applications: APIs, business logic, databases and the "
       "services behind them.",
  core=["Back-end development", "Python", "Java", "Go", "SQL", "REST APIs", "PostgreSQL",
        "Microservices", "Docker"],
  nice=["Node.js", "Redis", "Apache Kafka", "Kubernetes", "Amazon Web Services", "System design",
        "Distributed systems", "Unit testing", "Git", "Spring Boot", "Django"],
  next=["software-architect", "site-reliability-engineer", "software-engineering-manager"])
C(id="frontend-developer", onet="15-1254.00", family="tech", title="Frontend Developer", exp=0,
  aliases=["front-end developer", "front end developer", "frontend engineer",
           "front-end engineer", "UI developer", "React developer"],
  desc="Builds the parts of web applications people see and use, in the browser.",
  core=["Front-end development", "JavaScript", "TypeScript", "React", "HTML", "CSS",
        "Responsive design"],
  nice=["Vue.js", "Angular", "Next.js", "Redux", "Jest", "Accessibility", "Figma", "Git", "Sass",
        "Tailwind CSS", "Web development", "UI design"],
  next=["full-stack-developer", "software-architect", "product-designer"])
C(id="full-stack-developer", onet="15-1252.00", family="tech", title="Full-Stack Developer", exp=1,
  aliases=["full stack developer", "fullstack developer", "full-stack engineer",
           "full stack engineer", "MERN developer"],
  desc="Builds both the browser side and the server side of web applications.",
  core=["Full-stack development", "JavaScript", "TypeScript", "React", "Node.js", "SQL",
        "REST APIs", "HTML", "CSS"],
  nice=["PostgreSQL", "MongoDB", "Docker", "Amazon Web Services", "Git", "Python", "Next.js",
        "Express.js", "GraphQL", "CI/CD"],
  next=["software-architect", "software-engineering-manager", "backend-developer"])
C(id="mobile-developer", onet="15-1252.00", family="tech", title="Mobile App Developer", exp=1,
  aliases=["mobile developer", "iOS developer", "Android developer", "mobile engineer",
           "app developer", "mobile application developer"],
  desc="Designs and builds apps for phones and tablets (iOS, Android or cross-platform).",
  core=["Mobile development", "iOS development", "Android development", "Swift", "Kotlin", "Git"],
  nice=["React Native", "Flutter", "Dart", "SwiftUI", "Objective-C", "Java", "REST APIs", "NoSQL",
        "Unit testing", "UI design"],
  next=["software-architect", "software-engineering-manager"])
C(id="game-developer", onet="15-1252.00", family="tech", title="Game Developer", exp=1,
  aliases=["game programmer", "gameplay programmer", "video game developer", "game engineer",
           "Unity developer"],
  desc="Programs video games: gameplay, engines, graphics, tools and performance.",
  core=["Game development", "C++", "C#", "Unity", "Unreal Engine", "Computer graphics"],
  nice=["Mathematics", "Game design", "3D modeling", "Lua", "Git", "Performance optimization",
        "Debugging", "Data structures and algorithms"],
  next=["video-game-designer", "software-architect", "software-engineering-manager"])
C(id="embedded-software-engineer", onet="15-1252.00", family="tech",
  title="Embedded Software Engineer", exp=1,
  aliases=["embedded engineer", "firmware engineer", "embedded developer", "firmware developer",
           "embedded systems engineer"],
  desc="Writes the software that runs inside devices: firmware, drivers and real-time "
       "code on microcontrollers.",
  core=["Embedded systems", "C", "C++", "Systems programming", "Debugging", "Electronics"],
  nice=["Assembly language", "Python", "Linux", "Circuit design", "Git", "PCB design",
        "Signal processing", "Control systems", "FPGA", "Rust"],
  next=["computer-hardware-engineer", "software-architect"])
C(id="devops-engineer", onet="15-1252.00", family="tech", title="DevOps Engineer", exp=2,
  aliases=["devops", "platform engineer", "build and release engineer", "DevSecOps engineer",
           "infrastructure engineer", "cloud engineer"],
  desc="Automates how software is built, tested, deployed and run: CI/CD pipelines, "
       "infrastructure as code and cloud platforms.",
  core=["DevOps", "CI/CD", "Docker", "Kubernetes", "Terraform", "Linux", "Amazon Web Services",
        "Infrastructure as code"],
  nice=["Ansible", "Jenkins", "Python", "Bash", "Go", "Git", "Microsoft Azure",
        "Google Cloud Platform", "Monitoring and observability", "GitHub", "Networking"],
  next=["site-reliability-engineer", "cloud-architect", "software-engineering-manager"])
C(id="site-reliability-engineer", onet="15-1252.00", family="tech",
  title="Site Reliability Engineer", exp=3,
  aliases=["SRE", "reliability engineer", "production engineer"],
  desc="Keeps large systems fast and available: monitoring, incident response, capacity "
       "and automation, with software engineering applied to operations.",
  core=["Site reliability engineering", "Monitoring and observability", "Kubernetes", "Linux",
        "Distributed systems", "Go", "Python", "Grafana"],
  nice=["Terraform", "Docker", "Amazon Web Services", "Performance optimization", "CI/CD", "Bash",
        "Networking", "Infrastructure as code", "System design"],
  next=["cloud-architect", "software-engineering-manager", "software-architect"])
C(id="software-architect", onet="15-1299.08", family="tech", title="Software Architect", exp=7,
  edu="Bachelor's degree", zone=4,
  aliases=["solutions architect", "systems architect", "enterprise architect",
           "technical architect", "principal engineer"],
  desc="Designs the overall structure of software systems and guides teams building "
       "them.",
  core=["System design", "Distributed systems", "Microservices", "Cloud computing",
        "Software development", "Stakeholder management"],
  nice=["Java", "Python", "Amazon Web Services", "Kubernetes", "Data modeling", "REST APIs",
        "Leadership", "Technical writing", "Performance optimization", "Security compliance"],
  next=["it-manager", "software-engineering-manager"])
C(id="cloud-architect", onet="15-1299.08", family="tech", title="Cloud Architect", exp=5,
  edu="Bachelor's degree", zone=4,
  aliases=["cloud solutions architect", "AWS architect", "Azure architect",
           "cloud infrastructure architect"],
  desc="Designs how an organisation's systems run on cloud platforms: networks, "
       "security, cost and reliability.",
  core=["Cloud computing", "Amazon Web Services", "Microsoft Azure", "Google Cloud Platform",
        "System design", "Networking", "Infrastructure as code"],
  nice=["Terraform", "Kubernetes", "Serverless", "Identity and access management",
        "Security compliance", "Budgeting", "Stakeholder management", "Docker",
        "Backup and recovery"],
  next=["it-manager"])
R("web-developer", "15-1254.00", "tech", title="Web Developer", exp=0,
  aliases=["web programmer", "webmaster", "WordPress developer", "website developer"],
  core=["Web development", "HTML", "CSS", "JavaScript", "PHP", "WordPress", "Responsive design"],
  nice=["React", "jQuery", "MySQL", "SEO", "Git", "UI design", "Accessibility", "Bootstrap",
        "CMS", "Adobe Photoshop"],
  next=["frontend-developer", "full-stack-developer", "ui-designer"])
R("computer-programmer", "15-1251.00", "tech", title="Computer Programmer", exp=0,
  aliases=["programmer analyst", "mainframe programmer", "COBOL programmer"],
  core=["Software development", "Debugging", "Java", "C++", "SQL", "Code review"],
  nice=["COBOL", "Mainframe", "Python", "Visual Basic", "Git", "Unit testing",
        "Object-oriented programming", "Linux", "XML"],
  next=["software-developer", "computer-systems-analyst"])
R("qa-engineer", "15-1253.00", "tech", title="Software QA Engineer", exp=0,
  aliases=["QA engineer", "QA analyst", "software tester", "test engineer software", "SDET",
           "quality assurance engineer", "automation tester", "QA tester"],
  core=["Software testing", "Test automation", "Quality assurance", "Selenium", "Jira", "SQL"],
  nice=["Python", "Java", "Cypress", "Playwright", "Postman", "APIs", "CI/CD", "Agile",
        "Performance optimization", "JavaScript", "Git"],
  next=["software-developer", "devops-engineer", "it-project-manager"])
R("computer-systems-analyst", "15-1211.00", "tech", title="Computer Systems Analyst", exp=2,
  aliases=["systems analyst", "IT analyst", "business systems analyst", "ERP analyst"],
  core=["Requirements gathering", "Business analysis", "SQL", "ERP systems", "Software testing",
        "Process mapping"],
  nice=["Microsoft Visio", "Data analysis", "Project management", "Microsoft Excel",
        "Technical writing", "Jira", "Cloud computing", "Stakeholder management"],
  next=["it-project-manager", "it-manager", "software-architect"])
R("information-security-analyst", "15-1212.00", "tech", title="Information Security Analyst",
  exp=2,
  aliases=["security analyst", "cybersecurity analyst", "SOC analyst", "cyber security analyst",
           "information security specialist"],
  core=["Cybersecurity", "Network security", "SIEM", "Incident response",
        "Vulnerability management", "Security compliance"],
  nice=["Splunk", "Linux", "Python", "Identity and access management", "Threat modeling",
        "Wireshark", "Cloud computing", "Penetration testing", "Risk management", "Cryptography"],
  next=["security-engineer", "penetration-tester", "it-manager"])
C(id="security-engineer", onet="15-1299.05", family="tech", title="Security Engineer", exp=4,
  aliases=["cybersecurity engineer", "cloud security engineer", "information security engineer",
           "application security engineer"],
  desc="Builds and maintains the security controls of systems and clouds: identity, "
       "network defences, encryption and secure pipelines.",
  core=["Cybersecurity", "Cloud computing", "Identity and access management", "Network security",
        "Python", "Threat modeling"],
  nice=["Amazon Web Services", "Terraform", "Kubernetes", "Cryptography", "Security compliance",
        "SIEM", "Linux", "Vulnerability management", "CI/CD"],
  next=["it-manager", "cloud-architect"])
R("penetration-tester", "15-1299.04", "tech", title="Penetration Tester", exp=2,
  aliases=["pentester", "ethical hacker", "pen tester", "red team operator",
           "offensive security engineer"],
  core=["Penetration testing", "Metasploit", "Vulnerability management", "Network security",
        "Linux", "Python"],
  nice=["Bash", "Wireshark", "Cryptography", "Threat modeling", "Cybersecurity", "Report writing",
        "TCP/IP", "Active Directory", "Security compliance"],
  next=["security-engineer", "it-manager"])
R("computer-research-scientist", "15-1221.00", "tech",
  edu="Master's or doctoral degree",
  title="Computer and Information Research Scientist", exp=0,
  aliases=["research scientist", "AI research scientist", "computer scientist",
           "machine learning researcher", "research engineer"],
  core=["Research", "Machine learning", "Mathematics", "Python", "Computer science",
        "Scientific writing"],
  nice=["Deep learning", "PyTorch", "Data structures and algorithms", "C++", "Statistics",
        "Natural language processing", "Computer vision", "Distributed systems", "LaTeX"],
  next=["it-manager", "postsecondary-cs-teacher"])
R("network-support-specialist", "15-1231.00", "tech", title="Network Support Specialist", exp=1,
  aliases=["network technician", "network support technician", "NOC technician",
           "network operations specialist"],
  core=["Networking", "TCP/IP", "Technical support", "Troubleshooting", "Routing and switching",
        "Wireless networking"],
  nice=["Cisco IOS", "Windows Server", "Active Directory", "Network security",
        "Ticketing systems", "Wireshark", "Linux", "VMware", "Customer service"],
  next=["systems-administrator", "network-architect"])
R("it-support-specialist", "15-1232.00", "tech", title="IT Support Specialist", exp=0,
  aliases=["help desk technician", "desktop support technician", "IT technician",
           "help desk analyst", "technical support specialist", "service desk analyst",
           "IT support technician"],
  core=["Technical support", "Troubleshooting", "Computer hardware", "Ticketing systems",
        "Customer service", "Microsoft Office"],
  nice=["Active Directory", "Windows Server", "Networking", "ServiceNow", "ITIL", "Linux",
        "Communication", "PowerShell"],
  next=["network-support-specialist", "systems-administrator", "information-security-analyst"])
R("network-architect", "15-1241.00", "tech", title="Network Architect", exp=5,
  aliases=["network engineer", "network design engineer", "senior network engineer"],
  core=["Networking", "Routing and switching", "Network security", "Cisco IOS", "TCP/IP",
        "Cloud computing"],
  nice=["Wireless networking", "Virtualization", "Amazon Web Services", "Microsoft Azure",
        "Python", "Backup and recovery", "Monitoring and observability", "Project management",
        "Security compliance"],
  next=["it-manager", "cloud-architect"])
R("database-administrator", "15-1242.00", "tech", title="Database Administrator", exp=2,
  aliases=["DBA", "database admin", "SQL Server DBA", "Oracle DBA"],
  core=["Database administration", "SQL", "Microsoft SQL Server", "Oracle Database",
        "Backup and recovery", "Database design"],
  nice=["PostgreSQL", "MySQL", "T-SQL", "PL/SQL", "Linux", "Performance optimization",
        "Cloud computing", "Data governance", "PowerShell", "Bash"],
  next=["database-architect", "data-engineer"])
R("database-architect", "15-1243.00", "tech", title="Database Architect", exp=5,
  aliases=["data architect", "data warehouse architect", "enterprise data architect"],
  core=["Data modeling", "Database design", "Data warehousing", "SQL", "ETL", "Cloud computing"],
  nice=["Snowflake", "Amazon Redshift", "NoSQL", "Data governance", "PostgreSQL",
        "Oracle Database", "Big data", "Python", "System design"],
  next=["it-manager"])
C(id="data-engineer", onet="15-1243.00", family="data", title="Data Engineer", exp=2,
  aliases=["big data engineer", "ETL developer", "data pipeline engineer", "analytics engineer",
           "data platform engineer"],
  desc="Builds the pipelines and platforms that move, clean and store data for analytics "
       "and machine learning.",
  core=["Data engineering", "ETL", "SQL", "Python", "Apache Spark", "Apache Airflow",
        "Data warehousing"],
  nice=["Apache Kafka", "dbt", "Snowflake", "Databricks", "Amazon Web Services",
        "Google BigQuery", "Scala", "Data modeling", "Docker", "Big data", "Hadoop", "Git"],
  next=["database-architect", "machine-learning-engineer", "software-engineering-manager"])
R("systems-administrator", "15-1244.00", "tech", title="Systems Administrator", exp=2,
  aliases=["sysadmin", "network administrator", "system administrator", "Linux administrator",
           "Windows administrator", "IT administrator",
           "network and computer systems administrator"],
  core=["System administration", "Linux", "Windows Server", "Active Directory", "Networking",
        "Virtualization"],
  nice=["VMware", "PowerShell", "Bash", "Backup and recovery", "Cloud computing",
        "Microsoft Azure", "Amazon Web Services", "ITIL", "Monitoring and observability",
        "Ansible", "Network security"],
  next=["devops-engineer", "network-architect", "it-manager", "cloud-architect"])
R("it-manager", "11-3021.00", "tech", title="IT Manager", exp=7,
  aliases=["IT director", "CIO", "CTO", "chief information officer", "chief technology officer",
           "information technology manager", "computer and information systems manager",
           "director of IT", "VP of engineering"],
  core=["People management", "Project management", "Budgeting", "Strategic planning",
        "Vendor management", "Cybersecurity", "Leadership"],
  nice=["Cloud computing", "ITIL", "Stakeholder management", "Agile", "Risk management",
        "Security compliance", "Change management", "System administration"],
  next=["chief-executive"])
C(id="software-engineering-manager", onet="11-3021.00", family="tech",
  title="Software Engineering Manager", exp=6,
  aliases=["engineering manager software", "software development manager", "dev manager",
           "head of engineering", "engineering team lead", "tech lead manager"],
  desc="Leads a team of software engineers: hiring, delivery, technical direction and "
       "people growth.",
  core=["People management", "Software development", "Agile", "Leadership", "System design",
        "Stakeholder management", "Mentoring"],
  nice=["Scrum", "Project management", "Performance management", "Recruiting", "Code review",
        "Jira", "Budgeting", "Product roadmapping", "Cloud computing"],
  next=["it-manager"])
R("it-project-manager", "15-1299.09", "tech", title="IT Project Manager", exp=4,
  aliases=["technical project manager", "technical program manager", "TPM",
           "software project manager", "IT program manager", "delivery manager"],
  core=["Project management", "Agile", "Scrum", "Stakeholder management", "Jira",
        "Risk management"],
  nice=["Microsoft Project", "Budgeting", "Change management", "Software development",
        "Confluence", "Kanban", "Vendor management", "Communication"],
  next=["it-manager", "product-manager"])
C(id="scrum-master", onet="15-1299.09", family="product", title="Scrum Master", exp=2,
  aliases=["agile coach", "agile delivery lead", "certified scrum master", "iteration manager"],
  desc="Coaches a team in Scrum and agile practices, runs its ceremonies and clears what "
       "blocks delivery.",
  core=["Scrum", "Agile", "Kanban", "Jira", "Coaching"],
  nice=["Confluence", "Stakeholder management", "Training and development", "Change management",
        "Leadership", "Project management", "Conflict resolution", "Communication",
        "Backlog management"],
  next=["it-project-manager", "software-engineering-manager"])
C(id="product-owner", onet="15-1299.09", family="product", title="Product Owner", exp=2,
  aliases=["PO", "technical product owner", "digital product owner"],
  desc="Owns a team's product backlog: turns goals into user stories, sets priorities "
       "and accepts the work.",
  core=["Backlog management", "User stories", "Scrum", "Agile", "Stakeholder management", "Jira"],
  nice=["Product management", "Requirements gathering", "Product roadmapping", "Confluence",
        "Kanban", "Business analysis", "Product analytics", "Communication"],
  next=["product-manager", "it-project-manager"])
R("blockchain-engineer", "15-1299.07", "tech", title="Blockchain Engineer", exp=2,
  aliases=["blockchain developer", "smart contract developer", "web3 developer",
           "Solidity developer"],
  core=["Blockchain", "Solidity", "Cryptography", "JavaScript", "Go", "Distributed systems"],
  nice=["Rust", "TypeScript", "Node.js", "Python", "Penetration testing", "Unit testing", "Git",
        "Docker", "APIs"],
  next=["software-architect"])
C(id="ai-engineer", onet="15-1252.00", family="data", title="AI Engineer", exp=2,
  aliases=["LLM engineer", "generative AI engineer", "GenAI engineer", "applied AI engineer",
           "prompt engineer"],
  desc="Builds applications on large language models and other AI models: retrieval, "
       "agents, evaluation and serving.",
  core=["Large language models", "Python", "Natural language processing", "APIs", "LangChain",
        "Machine learning"],
  nice=["Hugging Face", "PyTorch", "Docker", "Cloud computing", "FastAPI", "TypeScript", "MLOps",
        "Git", "NoSQL"],
  next=["machine-learning-engineer", "software-architect", "computer-research-scientist"])
R("video-game-designer", "15-1255.01", "design", title="Video Game Designer", soc="15-1255", exp=2,
  aliases=["game designer", "level designer", "gameplay designer", "narrative designer"],
  core=["Game design", "Unity", "Unreal Engine", "Prototyping", "Creativity", "Game development"],
  nice=["Lua", "C#", "3D modeling", "Illustration", "Writing", "Agile", "Jira", "User research",
        "Animation"],
  next=["art-director", "game-developer"])

# ===================================== DATA ======================================================
R("data-scientist", "15-2051.00", "data", title="Data Scientist", exp=2,
  aliases=["data science", "applied scientist", "decision scientist", "data scientist ML"],
  core=["Machine learning", "Statistics", "Python", "SQL", "Data analysis", "Predictive modeling",
        "pandas"],
  nice=["R", "scikit-learn", "Deep learning", "Data visualization", "A/B testing",
        "Experimental design", "Apache Spark", "Jupyter", "Tableau", "Feature engineering",
        "Natural language processing", "Time series analysis", "Hypothesis testing", "Git"],
  next=["machine-learning-engineer", "computer-research-scientist",
        "software-engineering-manager"])
C(id="machine-learning-engineer", onet="15-2051.00", family="data",
  title="Machine Learning Engineer", exp=2,
  aliases=["ML engineer", "MLE", "deep learning engineer", "MLOps engineer",
           "computer vision engineer", "NLP engineer"],
  desc="Turns machine-learning models into reliable production systems: training "
       "pipelines, serving, monitoring and scale.",
  core=["Machine learning", "Python", "MLOps", "Deep learning", "PyTorch", "TensorFlow",
        "Software development"],
  nice=["scikit-learn", "Docker", "Kubernetes", "Amazon Web Services", "SQL", "Apache Spark",
        "Large language models", "Natural language processing", "Computer vision", "Git",
        "Data engineering", "Feature engineering"],
  next=["computer-research-scientist", "software-architect", "software-engineering-manager"])
C(id="data-analyst", onet="15-2051.00", family="data", title="Data Analyst", exp=0,
  aliases=["business data analyst", "reporting analyst", "analytics analyst", "insights analyst",
           "junior data analyst", "marketing data analyst"],
  desc="Turns data into answers: queries, cleans and analyses data and reports findings "
       "in dashboards. (BLS counts most data analysts with Data Scientists, SOC "
       "15-2051.)",
  core=["Data analysis", "SQL", "Microsoft Excel", "Data visualization", "Tableau", "Power BI",
        "Statistics"],
  nice=["Python", "R", "Data cleaning", "Business intelligence", "Looker", "A/B testing",
        "Google Analytics", "pandas", "Communication", "Presentation skills", "Google Sheets"],
  next=["data-scientist", "business-intelligence-analyst", "data-engineer"])
R("business-intelligence-analyst", "15-2051.01", "data", title="Business Intelligence Analyst",
  exp=1,
  aliases=["BI analyst", "BI developer", "business intelligence developer", "Power BI developer",
           "Tableau developer"],
  core=["Business intelligence", "Power BI", "Tableau", "SQL", "Data warehousing",
        "Data visualization"],
  nice=["Looker", "ETL", "Data modeling", "Microsoft Excel", "Python", "Requirements gathering",
        "Snowflake", "Microsoft SQL Server", "Stakeholder management", "OKRs"],
  next=["data-scientist", "database-architect", "data-engineer"])
R("statistician", "15-2041.00", "data", title="Statistician", exp=0,
  aliases=["statistical analyst", "mathematical statistician", "survey statistician"],
  core=["Statistics", "R", "SAS", "Experimental design", "Regression analysis",
        "Hypothesis testing"],
  nice=["Python", "SQL", "SPSS", "Biostatistics", "Survey research", "Time series analysis",
        "Data visualization", "Scientific writing", "Stata", "Mathematics"],
  next=["data-scientist", "biostatistician"])
R("biostatistician", "15-2041.01", "data", title="Biostatistician", exp=1,
  aliases=["clinical biostatistician", "statistical programmer", "clinical statistician"],
  core=["Biostatistics", "Statistics", "SAS", "R", "Clinical research", "Epidemiology"],
  nice=["Experimental design", "Regression analysis", "Python", "Scientific writing", "Stata",
        "Hypothesis testing", "Public health"],
  next=["data-scientist", "epidemiologist"])
R("actuary", "15-2011.00", "finance", title="Actuary", exp=0,
  aliases=["actuarial analyst", "pricing actuary", "actuarial associate"],
  core=["Actuarial science", "Statistics", "Microsoft Excel", "Risk management", "Insurance",
        "Financial modeling"],
  nice=["SQL", "Python", "R", "VBA", "SAS", "Predictive modeling", "Mathematics", "Communication",
        "Presentation skills"],
  next=["financial-risk-specialist", "financial-manager"])
R("operations-research-analyst", "15-2031.00", "data", title="Operations Research Analyst", exp=0,
  aliases=["operations analyst", "decision analyst", "optimization analyst", "OR analyst"],
  core=["Optimization", "Simulation", "Mathematics", "Python", "Statistics", "Data analysis"],
  nice=["SQL", "R", "Microsoft Excel", "Supply chain management", "Forecasting", "MATLAB",
        "Predictive modeling", "Presentation skills", "Logistics"],
  next=["data-scientist", "management-analyst"])
R("mathematician", "15-2021.00", "science", title="Mathematician", exp=0,
  aliases=["applied mathematician", "research mathematician", "cryptographer"],
  core=["Mathematics", "Research", "Scientific writing", "Simulation", "MATLAB"],
  nice=["Python", "Statistics", "C++", "LaTeX", "Optimization", "Physics", "Cryptography",
        "Teaching"],
  next=["data-scientist", "computer-research-scientist"])
R("economist", "19-3011.00", "science", title="Economist", exp=0,
  aliases=["economic analyst", "research economist", "economic consultant"],
  core=["Economics", "Econometrics", "Statistics", "Stata", "Research", "Regression analysis"],
  nice=["R", "Python", "SQL", "Data analysis", "Forecasting", "Public policy",
        "Scientific writing", "Microsoft Excel", "Time series analysis"],
  next=["data-scientist", "management-analyst"])

# ===================================== DESIGN ====================================================
C(id="ux-designer", onet="15-1255.00", family="design", title="UX Designer", exp=1,
  aliases=["user experience designer", "UX/UI designer", "interaction designer",
           "experience designer", "UX design"],
  desc="Designs how products work for the people using them: research, flows, wireframes "
       "and prototypes tested with users.",
  core=["UX design", "User research", "Wireframing", "Prototyping", "Figma", "Interaction design"],
  nice=["UI design", "Design systems", "Accessibility", "Adobe XD", "Sketch", "Product discovery",
        "Communication", "HTML", "Visual design"],
  next=["product-designer", "ux-researcher", "product-manager"])
R("ui-designer", "15-1255.00", "design", title="UI Designer", exp=1,
  aliases=["web designer", "visual designer", "digital designer", "user interface designer",
           "web and digital interface designer"],
  core=["UI design", "Visual design", "Figma", "Design systems", "Typography",
        "Responsive design"],
  nice=["Adobe Photoshop", "Adobe Illustrator", "Prototyping", "HTML", "CSS", "Accessibility",
        "Motion graphics", "Branding", "Sketch", "Wireframing"],
  next=["product-designer", "art-director"])
C(id="ux-researcher", onet="15-1255.00", family="design", title="UX Researcher", exp=1,
  aliases=["user researcher", "design researcher", "usability researcher",
           "user experience researcher"],
  desc="Studies how people use products (interviews, usability tests, surveys) and turns "
       "what they learn into design and product decisions.",
  core=["User research", "Survey research", "Interviewing", "UX design", "Data analysis"],
  nice=["A/B testing", "Statistics", "Figma", "Product discovery", "Accessibility", "Writing",
        "Presentation skills", "Market research"],
  next=["product-designer", "product-manager"])
C(id="product-designer", onet="15-1255.00", family="design", title="Product Designer", exp=3,
  aliases=["digital product designer", "senior product designer", "UX/UI product designer"],
  desc="Designs digital products end to end, from discovery and flows to polished "
       "interfaces and design systems.",
  core=["UX design", "UI design", "Prototyping", "Figma", "Design systems", "Product discovery"],
  nice=["User research", "Interaction design", "Visual design", "Accessibility",
        "Product strategy", "HTML", "CSS", "A/B testing", "Motion graphics",
        "Stakeholder management"],
  next=["product-manager", "art-director"])
R("graphic-designer", "27-1024.00", "design", title="Graphic Designer", exp=0,
  aliases=["graphic artist", "brand designer", "print designer", "production artist",
           "marketing designer", "layout artist"],
  core=["Graphic design", "Adobe Photoshop", "Adobe Illustrator", "Adobe InDesign", "Typography",
        "Branding"],
  nice=["Layout design", "Visual design", "Adobe Creative Suite", "Canva", "Illustration",
        "Figma", "Motion graphics", "Photography", "Vector graphics", "Creativity"],
  next=["art-director", "ui-designer", "animator"])
R("art-director", "27-1011.00", "design", title="Art Director", exp=5,
  aliases=["creative director", "design director", "associate creative director"],
  core=["Art direction", "Graphic design", "Branding", "Visual design", "People management",
        "Adobe Creative Suite"],
  nice=["Typography", "Photography", "Video production", "Marketing strategy", "Leadership",
        "Presentation skills", "Illustration", "Motion graphics", "Project management",
        "Storyboarding"],
  next=["marketing-manager", "advertising-promotions-manager"])
R("animator", "27-1014.00", "design", title="Animator", exp=1,
  aliases=["3D animator", "2D animator", "motion designer", "VFX artist",
           "motion graphics designer", "special effects artist"],
  core=["Animation", "Motion graphics", "Autodesk Maya", "Adobe After Effects", "3D modeling",
        "Storyboarding"],
  nice=["Blender", "Visual effects", "Illustration", "Video editing", "Unreal Engine",
        "Creativity", "Adobe Photoshop"],
  next=["art-director", "video-game-designer"])
R("industrial-designer", "27-1021.00", "design", title="Industrial Designer", exp=1,
  aliases=["product designer physical", "consumer product designer", "industrial design engineer"],
  core=["Industrial design", "Prototyping", "3D modeling", "SolidWorks", "Illustration", "CAD"],
  nice=["Adobe Illustrator", "Adobe Photoshop", "User research", "Materials science",
        "Manufacturing processes", "SketchUp", "Creativity", "Presentation skills"],
  next=["art-director", "product-designer"])
R("interior-designer", "27-1025.00", "design", title="Interior Designer", exp=1,
  aliases=["interior decorator", "interior architect", "commercial interior designer"],
  core=["Space planning", "AutoCAD", "SketchUp", "Revit", "Building codes", "Visual design"],
  nice=["Adobe Photoshop", "Sustainable design", "Project management", "Budgeting",
        "Customer service", "Architectural design", "Textiles", "Vendor management",
        "Illustration"],
  next=["architect", "construction-manager"])
R("fashion-designer", "27-1022.00", "design", title="Fashion Designer", exp=1,
  aliases=["apparel designer", "clothing designer", "technical designer apparel"],
  core=["Fashion design", "Pattern making", "Textiles", "Adobe Illustrator", "Illustration"],
  nice=["Adobe Photoshop", "Merchandising", "Branding", "Creativity", "CAD", "Vendor management",
        "Market research", "Presentation skills"],
  next=["art-director"])
R("architect", "17-1011.00", "design", title="Architect", exp=3,
  aliases=["project architect", "licensed architect", "design architect",
           "architectural designer"],
  core=["Architectural design", "Revit", "AutoCAD", "Building codes",
        "Building information modeling", "Sustainable design"],
  nice=["SketchUp", "Drafting", "Project management", "Construction management",
        "Adobe Creative Suite", "Space planning", "Presentation skills", "Relationship building"],
  next=["engineering-manager", "construction-manager"])
R("landscape-architect", "17-1012.00", "design", title="Landscape Architect", exp=2,
  aliases=["landscape designer", "site designer"],
  core=["Landscape design", "AutoCAD", "Sustainable design", "Horticulture", "SketchUp", "GIS"],
  nice=["Adobe Creative Suite", "Building codes", "Civil engineering design",
        "Project management", "Urban planning", "ArcGIS", "Revit", "Conservation"],
  next=["urban-planner"])
R("photographer", "27-4021.00", "design", title="Photographer", exp=0,
  aliases=["photojournalist", "portrait photographer", "commercial photographer",
           "wedding photographer", "product photographer"],
  core=["Photography", "Adobe Lightroom", "Adobe Photoshop", "Photo editing"],
  nice=["Video production", "Customer service", "Social media marketing", "Branding",
        "Creativity", "Adobe Premiere Pro", "Visual design", "Business development"],
  next=["art-director", "video-editor"])
R("video-editor", "27-4032.00", "design", title="Video Editor", exp=1,
  aliases=["film editor", "post-production editor", "video producer editor", "colorist"],
  core=["Video editing", "Adobe Premiere Pro", "Final Cut Pro", "Adobe After Effects",
        "Video production"],
  nice=["Audio production", "Motion graphics", "Photo editing", "Visual effects", "Storyboarding",
        "Social media marketing", "Photography", "Creativity"],
  next=["art-director", "animator"])
R("technical-writer", "27-3042.00", "tech", title="Technical Writer", exp=1,
  aliases=["documentation writer", "technical communicator", "documentation specialist",
           "API documentation writer", "information developer"],
  core=["Technical writing", "Writing", "Editing", "Confluence"],
  nice=["HTML", "Git", "APIs", "Jira", "Microsoft Word", "CMS", "Agile", "XML", "Interviewing",
        "Attention to detail"],
  next=["editor", "product-manager"])

# ===================================== PRODUCT ===================================================
R("marketing-manager", "11-2021.00", "marketing", title="Marketing Manager", exp=5,
  aliases=["marketing director", "CMO", "chief marketing officer", "head of marketing",
           "brand manager", "VP of marketing"],
  core=["Marketing strategy", "Digital marketing", "Branding", "Budgeting", "Market research",
        "People management"],
  nice=["SEO", "Content marketing", "Google Analytics", "Social media marketing",
        "Email marketing", "HubSpot", "Product marketing", "Marketing automation",
        "Project management", "Data analysis", "Presentation skills"],
  next=["chief-executive", "general-operations-manager"])
C(id="product-manager", onet="11-2021.00", family="product", title="Product Manager", exp=3,
  aliases=["PM", "technical product manager", "digital product manager", "senior product manager",
           "group product manager", "product lead"],
  desc="Decides what a product should do and why: talks to users, sets the roadmap and "
       "works with design and engineering to ship it. (BLS has no product-manager code; "
       "O*NET lists the title under Marketing Managers, 11-2021.)",
  core=["Product management", "Product roadmapping", "Product strategy", "User stories",
        "Stakeholder management", "Product analytics", "Agile"],
  nice=["Jira", "Backlog management", "A/B testing", "Product discovery", "SQL",
        "Market research", "OKRs", "Go-to-market strategy", "Pricing strategy", "UX design",
        "Data analysis", "Presentation skills"],
  next=["general-operations-manager", "it-manager"])
C(id="product-marketing-manager", onet="11-2021.00", family="marketing",
  title="Product Marketing Manager", exp=3,
  aliases=["PMM", "product marketer", "product marketing lead"],
  desc="Brings products to market: positioning, messaging, launches and the material "
       "sales teams use.",
  core=["Product marketing", "Go-to-market strategy", "Market research", "Marketing strategy",
        "Copywriting", "Product launches"],
  nice=["Content marketing", "Presentation skills", "Stakeholder management", "Pricing strategy",
        "Salesforce", "HubSpot", "Branding", "Email marketing", "Data analysis"],
  next=["marketing-manager", "product-manager"])

# ===================================== BUSINESS ==================================================
R("management-analyst", "13-1111.00", "business", title="Management Analyst", exp=2,
  aliases=["management consultant", "business consultant", "strategy consultant",
           "organizational development consultant", "process consultant"],
  core=["Management consulting", "Strategic planning", "Process improvement", "Data analysis",
        "Presentation skills", "Microsoft Excel"],
  nice=["Financial modeling", "Change management", "Project management", "Stakeholder management",
        "Microsoft PowerPoint", "Lean Six Sigma", "Market research", "Business analysis",
        "Interviewing", "Process mapping"],
  next=["general-operations-manager", "chief-executive"])
C(id="business-analyst", onet="13-1111.00", family="business", title="Business Analyst", exp=1,
  aliases=["BA", "business process analyst", "requirements analyst", "IT business analyst",
           "junior business analyst"],
  desc="Works out what a business needs from a process or a system, documents the "
       "requirements and checks the result delivers them.",
  core=["Business analysis", "Requirements gathering", "Stakeholder management", "Data analysis",
        "Microsoft Excel", "Process improvement", "User stories"],
  nice=["Process mapping", "Microsoft Visio", "Jira", "Agile", "Power BI", "Tableau",
        "Confluence", "Presentation skills", "Project management", "SQL"],
  next=["product-manager", "management-analyst", "it-project-manager"])
R("general-operations-manager", "11-1021.00", "business", title="General and Operations Manager",
  exp=5,
  aliases=["operations manager", "general manager", "GM", "operations director", "COO",
           "chief operating officer", "director of operations", "business manager"],
  core=["Operations management", "People management", "Budgeting", "Strategic planning",
        "Process improvement", "Leadership"],
  nice=["Project management", "Vendor management", "Forecasting", "OKRs", "Customer service",
        "Supply chain management", "Change management", "Financial analysis", "Negotiation"],
  next=["chief-executive"])
R("chief-executive", "11-1011.00", "business", title="Chief Executive", exp=10,
  aliases=["CEO", "chief executive officer", "president", "executive director",
           "managing director", "founder"],
  core=["Strategic planning", "Leadership", "Business development", "Financial analysis",
        "Decision making", "Stakeholder management"],
  nice=["Mergers and acquisitions", "Fundraising", "Public speaking", "Negotiation",
        "Change management", "Budgeting", "Risk management", "People management"],
  next=[])
R("hr-specialist", "13-1071.00", "business", title="Human Resources Specialist", exp=1,
  aliases=["HR specialist", "HR generalist", "human resources generalist", "HR coordinator",
           "people operations specialist", "HR business partner"],
  core=["Recruiting", "Onboarding", "Employee relations", "HR information systems",
        "Employment law", "Compensation and benefits"],
  nice=["Workday", "Interviewing", "Payroll", "Performance management",
        "Training and development", "Microsoft Excel", "Communication", "Conflict resolution",
        "Work ethic"],
  next=["hr-manager", "training-development-specialist", "compensation-benefits-specialist"])
C(id="recruiter", onet="13-1071.00", family="business", title="Recruiter", exp=0,
  aliases=["talent acquisition specialist", "technical recruiter", "corporate recruiter",
           "talent sourcer", "headhunter", "recruitment consultant", "sourcer"],
  desc="Finds, screens and hires people for open roles and guides candidates through the "
       "process.",
  core=["Recruiting", "Interviewing", "Relationship building", "Negotiation"],
  nice=["Onboarding", "Employment law", "HR information systems", "Communication",
        "Time management", "Microsoft Excel", "Sales"],
  next=["hr-manager", "hr-specialist"])
R("hr-manager", "11-3121.00", "business", title="Human Resources Manager", exp=5,
  aliases=["HR manager", "HR director", "head of people", "people operations manager",
           "chief people officer", "CHRO"],
  core=["Employee relations", "Employment law", "Performance management",
        "Compensation and benefits", "People management", "Recruiting"],
  nice=["HR information systems", "Workday", "Change management", "Training and development",
        "Budgeting", "Conflict resolution", "Leadership", "Payroll", "Cultural competence",
        "Strategic planning"],
  next=["general-operations-manager"])
R("training-development-specialist", "13-1151.00", "business",
  title="Training and Development Specialist", exp=1,
  aliases=["corporate trainer", "learning and development specialist", "L&D specialist",
           "trainer", "training specialist", "training coordinator"],
  core=["Training and development", "Instructional design", "E-learning", "Presentation skills",
        "Curriculum development"],
  nice=["Articulate Storyline", "Learning management systems", "Coaching", "Public speaking",
        "Microsoft PowerPoint", "Performance management", "Project management", "Writing"],
  next=["training-development-manager", "instructional-designer"])
R("training-development-manager", "11-3131.00", "business",
  title="Training and Development Manager", exp=5,
  aliases=["L&D manager", "learning and development manager", "training manager",
           "director of learning"],
  core=["Training and development", "People management", "Instructional design", "Budgeting",
        "Leadership", "Performance management"],
  nice=["Learning management systems", "Change management", "Coaching", "Strategic planning",
        "Stakeholder management", "Vendor management", "Project management", "E-learning"],
  next=["hr-manager"])
R("compensation-benefits-specialist", "13-1141.00", "business",
  title="Compensation and Benefits Specialist", exp=2,
  aliases=["compensation analyst", "benefits specialist", "benefits administrator",
           "total rewards analyst", "job analysis specialist"],
  core=["Compensation and benefits", "Microsoft Excel", "Data analysis", "Employment law",
        "HR information systems"],
  nice=["Payroll", "Workday", "Compliance", "Attention to detail", "Communication", "Insurance"],
  next=["hr-manager"])
R("logistician", "13-1081.00", "business", title="Logistician", exp=2,
  aliases=["logistics analyst", "logistics coordinator", "supply chain analyst",
           "logistics specialist", "logistics planner"],
  core=["Logistics", "Supply chain management", "Inventory management", "ERP systems",
        "Data analysis", "Forecasting"],
  nice=["SAP", "Microsoft Excel", "Vendor management", "Procurement", "Process improvement",
        "Negotiation", "Warehouse operations", "Lean Six Sigma"],
  next=["supply-chain-manager"])
R("supply-chain-manager", "11-3071.04", "business", title="Supply Chain Manager", exp=5,
  aliases=["logistics manager", "distribution manager", "warehouse manager",
           "transportation manager", "supply chain director"],
  core=["Supply chain management", "Logistics", "Operations management", "People management",
        "Vendor management", "Forecasting"],
  nice=["Inventory management", "Procurement", "ERP systems", "SAP", "Budgeting",
        "Lean Six Sigma", "Warehouse operations", "Negotiation", "Data analysis",
        "Process improvement"],
  next=["general-operations-manager"])
R("purchasing-agent", "13-1023.00", "business", title="Purchasing Agent", exp=1,
  aliases=["buyer", "procurement specialist", "purchasing specialist", "procurement analyst",
           "sourcing specialist"],
  core=["Procurement", "Vendor management", "Negotiation", "ERP systems", "Contract management"],
  nice=["Microsoft Excel", "SAP", "Inventory management", "Supply chain management", "Budgeting",
        "Communication", "Data analysis", "Attention to detail"],
  next=["purchasing-manager", "logistician"])
R("purchasing-manager", "11-3061.00", "business", title="Purchasing Manager", exp=5,
  aliases=["procurement manager", "sourcing manager", "head of procurement",
           "director of purchasing"],
  core=["Procurement", "Vendor management", "Negotiation", "People management",
        "Contract management", "Budgeting"],
  nice=["Supply chain management", "Strategic planning", "ERP systems", "Risk management",
        "Data analysis", "Leadership", "Compliance"],
  next=["supply-chain-manager", "general-operations-manager"])
R("project-manager", "13-1082.00", "business", title="Project Manager", exp=3,
  aliases=["project management specialist", "project coordinator", "program manager",
           "PMP project manager", "project lead"],
  core=["Project management", "Stakeholder management", "Risk management", "Microsoft Project",
        "Budgeting"],
  nice=["Agile", "Change management", "Vendor management", "Microsoft Excel", "Communication",
        "Leadership", "Process improvement", "Contract management", "Scheduling", "Trello"],
  next=["general-operations-manager", "it-project-manager"])
R("administrative-services-manager", "11-3012.00", "business",
  title="Administrative Services Manager", exp=5,
  aliases=["facilities manager", "office services manager", "administrative manager",
           "facility manager"],
  core=["Office administration", "Operations management", "People management", "Budgeting",
        "Vendor management"],
  nice=["Scheduling", "Microsoft Office", "Compliance", "Process improvement", "Customer service",
        "Procurement", "Industrial maintenance"],
  next=["general-operations-manager"])
R("executive-assistant", "43-6011.00", "business", title="Executive Assistant", exp=3,
  aliases=["executive administrative assistant", "EA", "executive secretary",
           "assistant to the CEO", "chief of staff assistant"],
  core=["Executive support", "Scheduling", "Office administration", "Microsoft Office",
        "Communication", "Organization"],
  nice=["Event planning", "Microsoft Excel", "Microsoft PowerPoint", "Data entry",
        "Time management", "Work ethic", "Writing", "Project management"],
  next=["administrative-services-manager", "project-manager"])
R("administrative-assistant", "43-6014.00", "business", title="Administrative Assistant", exp=0,
  aliases=["admin assistant", "office assistant", "secretary", "receptionist",
           "administrative coordinator", "office administrator", "clerk"],
  core=["Office administration", "Scheduling", "Data entry", "Microsoft Office",
        "Customer service"],
  nice=["Microsoft Excel", "Microsoft Word", "Organization", "Communication", "Bookkeeping",
        "Time management", "Multitasking"],
  next=["executive-assistant", "office-manager", "hr-specialist"])
R("office-manager", "43-1011.00", "business", title="Office Manager", exp=3,
  aliases=["office supervisor", "administrative supervisor", "office lead",
           "first-line supervisor of office workers"],
  core=["Office administration", "People management", "Scheduling", "Bookkeeping",
        "Customer service"],
  nice=["Microsoft Office", "Payroll", "Vendor management", "Onboarding", "Budgeting",
        "Conflict resolution", "Organization", "Multitasking"],
  next=["administrative-services-manager"])
R("customer-service-representative", "43-4051.00", "business",
  title="Customer Service Representative", exp=0,
  aliases=["customer service rep", "CSR", "customer support representative",
           "call center representative", "customer care agent", "support agent",
           "customer support specialist"],
  core=["Customer service", "Communication", "Conflict resolution", "Active listening",
        "Data entry"],
  nice=["Zendesk", "CRM", "Salesforce", "Microsoft Office", "Multitasking", "Empathy", "Spanish",
        "Sales", "Ticketing systems", "Problem solving"],
  next=["customer-success-manager", "office-manager", "sales-representative"])
R("event-planner", "13-1121.00", "business", title="Event Planner", exp=1,
  aliases=["meeting planner", "event coordinator", "conference planner", "event manager",
           "wedding planner", "convention planner"],
  core=["Event planning", "Vendor management", "Budgeting", "Negotiation", "Project management"],
  nice=["Customer service", "Scheduling", "Marketing strategy", "Hospitality",
        "Social media marketing", "Multitasking", "Contract management", "Attention to detail"],
  next=["marketing-manager", "public-relations-manager"])
R("fundraiser", "13-1131.00", "business", title="Fundraiser", exp=1,
  aliases=["development officer", "major gifts officer", "development associate",
           "donor relations officer", "fundraising coordinator"],
  core=["Fundraising", "Grant writing", "Relationship building", "Event planning"],
  nice=["CRM", "Salesforce", "Writing", "Public speaking", "Marketing strategy",
        "Community outreach", "Negotiation", "Budgeting"],
  next=["fundraising-manager"])
R("fundraising-manager", "11-2033.00", "business", title="Fundraising Manager", exp=5,
  aliases=["development director", "director of development", "advancement director",
           "fundraising director"],
  core=["Fundraising", "People management", "Strategic planning", "Relationship building",
        "Budgeting"],
  nice=["Grant writing", "Event planning", "Public speaking", "CRM", "Marketing strategy",
        "Leadership", "Community outreach"],
  next=["chief-executive", "social-community-service-manager"])
R("industrial-production-manager", "11-3051.00", "business", title="Industrial Production Manager",
  exp=5,
  aliases=["production manager", "plant manager", "manufacturing manager",
           "operations manager manufacturing", "production supervisor"],
  core=["Manufacturing processes", "Operations management", "People management", "Lean Six Sigma",
        "Quality control", "Construction safety"],
  nice=["Budgeting", "ERP systems", "Process improvement", "Inventory management",
        "Root cause analysis", "Industrial maintenance", "Leadership",
        "Statistical process control"],
  next=["general-operations-manager"])
R("construction-manager", "11-9021.00", "trades", title="Construction Manager", exp=5,
  aliases=["construction project manager", "general contractor", "site manager",
           "construction superintendent", "project superintendent"],
  core=["Construction management", "Construction", "Building codes", "Cost estimating",
        "Blueprint reading", "Construction safety", "Project management"],
  nice=["Budgeting", "Scheduling", "Contract management", "Vendor management", "AutoCAD",
        "People management", "Negotiation", "Microsoft Project", "Building information modeling"],
  next=["general-operations-manager", "engineering-manager"])
R("property-manager", "11-9141.00", "business", title="Property Manager", exp=2,
  aliases=["real estate manager", "community association manager", "leasing manager",
           "apartment manager", "HOA manager", "building manager"],
  core=["Property management", "Real estate", "Budgeting", "Customer service",
        "Vendor management"],
  nice=["Contract management", "Negotiation", "Accounts receivable", "Industrial maintenance",
        "Conflict resolution", "Microsoft Excel", "Communication"],
  next=["general-operations-manager", "real-estate-broker"])
R("food-service-manager", "11-9051.00", "business", title="Food Service Manager", exp=2,
  aliases=["restaurant manager", "cafe manager", "kitchen manager", "food and beverage manager",
           "catering manager", "cafeteria manager"],
  core=["Food service management", "Food safety", "People management", "Customer service",
        "Inventory management", "Scheduling"],
  nice=["Budgeting", "Kitchen management", "Cash handling", "Point of sale systems",
        "Vendor management", "Training and development", "Cooking", "Conflict resolution"],
  next=["general-operations-manager", "lodging-manager"])
R("lodging-manager", "11-9081.00", "business", title="Lodging Manager", exp=3,
  aliases=["hotel manager", "front office manager", "general manager hotel", "inn manager",
           "resort manager"],
  core=["Hospitality", "Customer service", "People management", "Budgeting",
        "Operations management"],
  nice=["Sales", "Marketing strategy", "Event planning", "Scheduling", "Conflict resolution",
        "Food service management", "Training and development"],
  next=["general-operations-manager"])
R("medical-health-services-manager", "11-9111.00", "healthcare",
  title="Medical and Health Services Manager", exp=5,
  aliases=["healthcare administrator", "hospital administrator", "clinic manager",
           "practice manager", "health services manager", "nurse manager", "healthcare manager"],
  core=["Healthcare administration", "People management", "Budgeting", "HIPAA",
        "Operations management", "Compliance"],
  nice=["Electronic health records", "Medical billing", "Strategic planning", "Quality assurance",
        "Data analysis", "Scheduling", "Change management", "Leadership", "Risk management"],
  next=["general-operations-manager", "chief-executive"])
R("compliance-officer", "13-1041.00", "business", title="Compliance Officer", exp=3,
  aliases=["compliance analyst", "compliance specialist", "compliance manager",
           "regulatory compliance specialist", "ethics officer"],
  core=["Compliance", "Risk management", "Auditing", "Investigation", "Attention to detail"],
  nice=["Anti-money laundering", "Employment law", "HIPAA", "Security compliance",
        "Training and development", "Legal research", "Report writing", "Microsoft Excel",
        "Communication"],
  next=["general-operations-manager", "financial-examiner"])

# ===================================== FINANCE ===================================================
R("accountant", "13-2011.00", "finance", title="Accountant", exp=0,
  aliases=["staff accountant", "CPA", "certified public accountant", "general accountant",
           "senior accountant", "cost accountant", "tax accountant"],
  core=["Accounting", "GAAP", "Financial reporting", "Reconciliation", "Month-end close",
        "Microsoft Excel", "Bookkeeping"],
  nice=["QuickBooks", "ERP systems", "Tax preparation", "Auditing", "CPA", "Accounts payable",
        "Accounts receivable", "SAP", "Financial analysis", "Budgeting", "Attention to detail"],
  next=["financial-manager", "auditor", "budget-analyst"])
C(id="auditor", onet="13-2011.00", family="finance", title="Auditor", exp=1,
  aliases=["internal auditor", "external auditor", "audit associate", "IT auditor",
           "financial auditor", "audit senior"],
  desc="Examines financial records, controls and processes for accuracy and compliance, "
       "and reports what needs fixing.",
  core=["Auditing", "Accounting", "GAAP", "Compliance", "Risk management", "Microsoft Excel"],
  nice=["CPA", "Financial reporting", "Data analysis", "Report writing", "Attention to detail",
        "Critical thinking", "ERP systems", "Security compliance"],
  next=["financial-examiner", "financial-manager", "compliance-officer"])
R("financial-analyst", "13-2051.00", "finance", title="Financial Analyst", exp=0,
  aliases=["FP&A analyst", "investment analyst", "equity research analyst", "finance analyst",
           "corporate finance analyst", "financial planning analyst"],
  core=["Financial analysis", "Financial modeling", "Microsoft Excel", "Forecasting", "Budgeting",
        "Valuation"],
  nice=["SQL", "Power BI", "Tableau", "Bloomberg Terminal", "Accounting", "Presentation skills",
        "CFA", "ERP systems", "Data analysis", "VBA", "Python"],
  next=["financial-manager", "investment-banking-analyst", "financial-risk-specialist"])
C(id="investment-banking-analyst", onet="41-3031.00", family="finance",
  title="Investment Banking Analyst", exp=0,
  aliases=["investment banker", "IB analyst", "M&A analyst", "investment banking associate",
           "corporate finance associate"],
  desc="Builds the models, valuations and pitch books behind mergers, acquisitions and "
       "capital raises. (BLS counts investment bankers with Securities, Commodities, and "
       "Financial Services Sales Agents.)",
  core=["Mergers and acquisitions", "Valuation", "Financial modeling", "Microsoft Excel",
        "Microsoft PowerPoint"],
  nice=["Bloomberg Terminal", "Accounting", "Securities licenses", "CFA", "Presentation skills",
        "Attention to detail", "Negotiation", "Market research"],
  next=["financial-manager", "chief-executive"])
R("personal-financial-advisor", "13-2052.00", "finance", title="Personal Financial Advisor", exp=1,
  aliases=["financial advisor", "financial planner", "wealth advisor", "wealth manager",
           "certified financial planner", "CFP", "investment advisor"],
  core=["Financial planning", "Investment management", "Relationship building",
        "Securities licenses", "Sales"],
  nice=["Insurance", "Tax law", "Customer service", "CRM", "Communication", "Lead generation",
        "Microsoft Excel"],
  next=["financial-manager"])
R("financial-manager", "11-3031.00", "finance", title="Financial Manager", exp=5,
  aliases=["finance manager", "controller", "financial controller", "treasurer", "CFO",
           "chief financial officer", "finance director", "VP of finance"],
  core=["Financial reporting", "Budgeting", "Financial analysis", "People management",
        "Accounting", "Forecasting"],
  nice=["Treasury", "Risk management", "GAAP", "ERP systems", "Strategic planning", "CPA",
        "Mergers and acquisitions", "Compliance", "Financial modeling", "Stakeholder management"],
  next=["chief-executive"])
R("budget-analyst", "13-2031.00", "finance", title="Budget Analyst", exp=1,
  aliases=["budget officer", "budget specialist", "financial budget analyst"],
  core=["Budgeting", "Financial analysis", "Microsoft Excel", "Forecasting",
        "Financial reporting"],
  nice=["ERP systems", "Public policy", "Data analysis", "Accounting", "Presentation skills",
        "Attention to detail", "Power BI"],
  next=["financial-manager"])
R("credit-analyst", "13-2041.00", "finance", title="Credit Analyst", exp=1,
  aliases=["credit risk analyst", "commercial credit analyst", "credit underwriter",
           "credit officer"],
  core=["Credit analysis", "Financial analysis", "Risk management", "Microsoft Excel",
        "Accounting"],
  nice=["Lending", "Financial modeling", "Underwriting", "Financial reporting",
        "Bloomberg Terminal", "Communication", "Attention to detail"],
  next=["loan-officer", "financial-manager", "financial-risk-specialist"])
R("loan-officer", "13-2072.00", "finance", title="Loan Officer", exp=1,
  aliases=["mortgage loan officer", "mortgage loan originator", "commercial loan officer",
           "lending officer", "loan originator"],
  core=["Lending", "Credit analysis", "Customer service", "Sales", "Relationship building"],
  nice=["Underwriting", "Compliance", "Financial analysis", "CRM", "Negotiation",
        "Lead generation", "Microsoft Excel", "Banking operations"],
  next=["financial-manager"])
R("tax-preparer", "13-2082.00", "finance", title="Tax Preparer", exp=0,
  aliases=["tax associate", "tax professional", "enrolled agent", "tax consultant",
           "income tax preparer"],
  core=["Tax preparation", "Tax law", "Customer service", "Attention to detail", "Bookkeeping"],
  nice=["QuickBooks", "Microsoft Excel", "Accounting", "Data entry", "CPA", "Work ethic",
        "Spanish"],
  next=["accountant"])
R("financial-examiner", "13-2061.00", "finance", title="Financial Examiner", exp=2,
  aliases=["bank examiner", "compliance examiner", "regulatory examiner"],
  core=["Auditing", "Compliance", "Risk management", "Financial analysis",
        "Anti-money laundering"],
  nice=["Accounting", "Report writing", "Banking operations", "Credit analysis",
        "Microsoft Excel", "Data analysis", "Investigation"],
  next=["compliance-officer", "financial-manager"])
R("insurance-underwriter", "13-2053.00", "finance", title="Insurance Underwriter", exp=1,
  aliases=["underwriter", "commercial underwriter", "underwriting analyst", "life underwriter"],
  core=["Underwriting", "Insurance", "Risk management", "Financial analysis",
        "Attention to detail"],
  nice=["Microsoft Excel", "Decision making", "Negotiation", "Customer service", "Data analysis",
        "Compliance"],
  next=["financial-risk-specialist", "financial-manager"])
R("claims-adjuster", "13-1031.00", "finance", title="Claims Adjuster", exp=1,
  aliases=["claims examiner", "insurance adjuster", "claims investigator",
           "claims representative", "field adjuster"],
  core=["Claims adjusting", "Insurance", "Investigation", "Customer service", "Negotiation"],
  nice=["Report writing", "Attention to detail", "Microsoft Office", "Data entry", "Construction",
        "Automotive repair", "Conflict resolution"],
  next=["insurance-underwriter"])
R("cost-estimator", "13-1051.00", "trades", title="Cost Estimator", exp=2,
  aliases=["estimator", "construction estimator", "quantity surveyor", "project estimator"],
  core=["Cost estimating", "Blueprint reading", "Microsoft Excel", "Construction", "Budgeting"],
  nice=["AutoCAD", "Negotiation", "Vendor management", "Construction management", "Mathematics",
        "Data analysis", "Attention to detail", "Building codes"],
  next=["construction-manager"])
R("bookkeeper", "43-3031.00", "finance", title="Bookkeeper", exp=0,
  aliases=["bookkeeping clerk", "accounting clerk", "accounts payable clerk",
           "accounts receivable clerk", "accounting assistant", "full charge bookkeeper",
           "AP specialist"],
  core=["Bookkeeping", "QuickBooks", "Accounts payable", "Accounts receivable", "Reconciliation",
        "Microsoft Excel"],
  nice=["Payroll", "Data entry", "Accounting", "Attention to detail", "Month-end close",
        "Customer service", "Tax preparation"],
  next=["accountant"])
R("payroll-specialist", "43-3051.00", "finance", title="Payroll Specialist", exp=1,
  aliases=["payroll clerk", "payroll administrator", "payroll coordinator", "timekeeper"],
  core=["Payroll", "ADP", "Data entry", "Microsoft Excel", "Attention to detail"],
  nice=["Compensation and benefits", "HR information systems", "Employment law", "Reconciliation",
        "Work ethic", "Workday", "Customer service"],
  next=["compensation-benefits-specialist", "hr-specialist", "accountant"])
R("bank-teller", "43-3071.00", "finance", title="Bank Teller", exp=0,
  aliases=["teller", "universal banker", "banking associate", "head teller"],
  core=["Cash handling", "Banking operations", "Customer service", "Attention to detail"],
  nice=["Sales", "Data entry", "Communication", "Anti-money laundering", "Mathematics", "Spanish",
        "Conflict resolution"],
  next=["loan-officer", "personal-financial-advisor"])
R("financial-risk-specialist", "13-2054.00", "finance", title="Financial Risk Specialist", exp=2,
  aliases=["risk analyst", "market risk analyst", "quantitative analyst", "quant", "risk manager",
           "model risk analyst"],
  core=["Risk management", "Financial modeling", "Statistics", "Quantitative research",
        "Microsoft Excel"],
  nice=["Python", "SQL", "R", "Credit analysis", "Compliance", "CFA", "VBA",
        "Regression analysis", "SAS"],
  next=["financial-manager"])
R("securities-sales-agent", "41-3031.00", "finance",
  title="Securities and Financial Services Sales Agent", exp=1,
  aliases=["stockbroker", "broker", "financial services representative", "securities broker",
           "trader", "sales trader"],
  core=["Securities licenses", "Investment management", "Sales", "Relationship building",
        "Financial analysis"],
  nice=["CRM", "Lead generation", "Bloomberg Terminal", "Negotiation", "Communication", "CFA",
        "Financial planning"],
  next=["personal-financial-advisor", "financial-manager"])

# ===================================== MARKETING =================================================
R("market-research-analyst", "13-1161.00", "marketing", title="Market Research Analyst", exp=1,
  aliases=["market researcher", "consumer insights analyst", "marketing analyst",
           "research analyst marketing", "marketing specialist"],
  core=["Market research", "Survey research", "Data analysis", "Microsoft Excel", "Statistics",
        "Presentation skills"],
  nice=["SPSS", "SQL", "Tableau", "Marketing strategy", "Python", "R", "Google Analytics",
        "Writing"],
  next=["marketing-manager", "data-analyst", "product-marketing-manager"])
C(id="digital-marketing-specialist", onet="13-1161.00", family="marketing",
  title="Digital Marketing Specialist", exp=1,
  aliases=["digital marketer", "online marketing specialist", "growth marketer",
           "performance marketing specialist", "digital marketing coordinator",
           "paid media specialist", "PPC specialist"],
  desc="Runs online marketing: search, paid ads, social, email and the analytics that "
       "show what works.",
  core=["Digital marketing", "SEO", "Pay-per-click advertising", "Google Analytics",
        "Social media marketing", "Email marketing"],
  nice=["Google Ads", "Content marketing", "HubSpot", "Marketing automation", "Web analytics",
        "A/B testing", "Copywriting", "WordPress", "Canva", "Mailchimp"],
  next=["marketing-manager", "product-marketing-manager"])
R("seo-specialist", "13-1161.01", "marketing", title="SEO Specialist", exp=1,
  aliases=["search marketing strategist", "SEO manager", "SEO analyst", "search engine optimizer",
           "SEM specialist"],
  core=["SEO", "SEMrush", "Google Analytics", "Content marketing", "Web analytics"],
  nice=["HTML", "WordPress", "Pay-per-click advertising", "Copywriting", "Data analysis",
        "Microsoft Excel", "Google Ads", "CMS"],
  next=["marketing-manager", "digital-marketing-specialist"])
C(id="social-media-manager", onet="13-1161.00", family="marketing", title="Social Media Manager",
  exp=1,
  aliases=["social media specialist", "community manager", "social media coordinator",
           "social media strategist", "content creator"],
  desc="Plans and runs a brand's social media: content, community, paid social and "
       "reporting.",
  core=["Social media marketing", "Content marketing", "Copywriting", "Hootsuite", "Canva",
        "Web analytics"],
  nice=["Video editing", "Photography", "Adobe Creative Suite", "Branding",
        "Pay-per-click advertising", "Graphic design", "Creativity"],
  next=["marketing-manager", "public-relations-specialist"])
R("writer", "27-3043.00", "marketing", title="Writer", exp=0,
  aliases=["content writer", "author", "freelance writer", "blogger", "content creator writer",
           "novelist", "screenwriter"],
  core=["Writing", "Editing", "Content marketing", "Research", "Creativity"],
  nice=["SEO", "WordPress", "Copywriting", "Journalism", "Social media marketing",
        "Grant writing", "Interviewing", "CMS"],
  next=["editor", "marketing-manager"])
C(id="copywriter", onet="27-3043.00", family="marketing", title="Copywriter", exp=1,
  aliases=["advertising copywriter", "marketing copywriter", "UX writer", "content copywriter",
           "senior copywriter"],
  desc="Writes the words that sell: ads, web pages, emails, product descriptions and "
       "campaigns.",
  core=["Copywriting", "Writing", "Editing", "Branding", "Content marketing"],
  nice=["SEO", "Email marketing", "Social media marketing", "Creativity", "Marketing strategy",
        "A/B testing", "WordPress", "Art direction"],
  next=["art-director", "marketing-manager"])
R("editor", "27-3041.00", "marketing", title="Editor", exp=2,
  aliases=["copy editor", "managing editor", "content editor", "proofreader",
           "editorial assistant", "book editor"],
  core=["Editing", "Writing", "Attention to detail", "Content marketing"],
  nice=["CMS", "WordPress", "Adobe InDesign", "Journalism", "SEO", "People management",
        "Project management", "Research", "Time management"],
  next=["public-relations-manager", "marketing-manager"])
R("public-relations-specialist", "27-3031.00", "marketing", title="Public Relations Specialist",
  exp=1,
  aliases=["PR specialist", "communications specialist", "media relations specialist",
           "press officer", "communications coordinator", "publicist"],
  core=["Public relations", "Writing", "Crisis communications", "Social media marketing",
        "Communication"],
  nice=["Event planning", "Content marketing", "Editing", "Journalism", "Relationship building",
        "Presentation skills", "Marketing strategy", "Speechwriting", "Branding"],
  next=["public-relations-manager"])
R("public-relations-manager", "11-2032.00", "marketing", title="Public Relations Manager", exp=5,
  aliases=["PR manager", "communications director", "director of communications",
           "head of communications", "communications manager"],
  core=["Public relations", "Crisis communications", "People management", "Marketing strategy",
        "Budgeting"],
  nice=["Speechwriting", "Branding", "Social media marketing", "Stakeholder management",
        "Event planning", "Public speaking", "Leadership", "Writing"],
  next=["marketing-manager", "chief-executive"])
R("advertising-promotions-manager", "11-2011.00", "marketing",
  title="Advertising and Promotions Manager", exp=5,
  aliases=["advertising manager", "promotions manager", "media director", "advertising director",
           "campaign manager"],
  core=["Marketing strategy", "Pay-per-click advertising", "Budgeting", "Branding",
        "People management", "Art direction"],
  nice=["Market research", "Negotiation", "Google Ads", "Digital marketing", "Vendor management",
        "Data analysis", "Creativity", "Copywriting"],
  next=["marketing-manager"])
R("reporter", "27-3023.00", "marketing", title="Reporter", exp=0,
  aliases=["journalist", "news reporter", "correspondent", "news analyst", "staff writer",
           "broadcast journalist"],
  core=["Journalism", "Writing", "Interviewing", "Research", "Editing"],
  nice=["Photography", "Video production", "Social media marketing", "CMS", "Public speaking",
        "Data analysis", "Attention to detail", "Time management"],
  next=["editor", "public-relations-specialist"])
R("interpreter-translator", "27-3091.00", "marketing", title="Interpreter and Translator", exp=1,
  aliases=["interpreter", "translator", "medical interpreter", "court interpreter",
           "sign language interpreter", "localization specialist"],
  core=["Translation", "Interpreting", "Foreign languages", "Cultural competence",
        "Attention to detail"],
  nice=["Spanish", "American Sign Language", "Editing", "Medical terminology", "Legal research",
        "Active listening", "Writing"],
  next=["editor"])

# ===================================== SALES =====================================================
R("sales-representative", "41-4012.00", "sales", title="Sales Representative", exp=0,
  aliases=["sales rep", "outside sales representative", "territory sales representative",
           "wholesale sales representative", "field sales representative",
           "account manager sales", "sales associate B2B"],
  core=["Sales", "Lead generation", "Negotiation", "CRM", "Relationship building",
        "Account management"],
  nice=["Salesforce", "Product demonstrations", "Customer service", "Presentation skills",
        "Communication", "Microsoft Excel", "Safe driving", "Time management"],
  next=["sales-manager", "account-executive"])
C(id="account-executive", onet="41-3091.00", family="sales", title="Account Executive", exp=2,
  edu="Bachelor's degree", zone=4,
  aliases=["AE", "SaaS account executive", "enterprise account executive", "B2B sales executive",
           "sales executive", "inside sales representative"],
  desc="Sells a company's services or software to businesses: runs the sales cycle from "
       "discovery and demos to negotiation and close.",
  core=["Sales", "Sales pipeline management", "Product demonstrations", "Salesforce",
        "Negotiation", "Lead generation"],
  nice=["Account management", "HubSpot", "Presentation skills", "Relationship building", "CRM",
        "Business development", "Forecasting", "Communication", "Solution engineering"],
  next=["sales-manager"])
C(id="sales-development-representative", onet="41-3091.00", family="sales",
  edu="Bachelor's degree", zone=3,
  title="Sales Development Representative", exp=0,
  aliases=["SDR", "BDR", "business development representative", "lead generation specialist",
           "outbound sales representative"],
  desc="Opens new sales conversations: researches prospects, reaches out and qualifies "
       "leads for account executives.",
  core=["Lead generation", "CRM", "Salesforce", "Communication", "Sales"],
  nice=["HubSpot", "Time management", "Negotiation", "Relationship building", "Customer service",
        "Product demonstrations"],
  next=["account-executive"])
C(id="customer-success-manager", onet="41-3091.00", family="sales",
  edu="Bachelor's degree", zone=4,
  title="Customer Success Manager", exp=2,
  aliases=["CSM", "client success manager", "customer success specialist",
           "customer success representative", "account manager customer success"],
  desc="Keeps customers successful after the sale: onboarding, adoption, renewals and "
       "growth.",
  core=["Customer success", "Account management", "Relationship building", "Customer service",
        "CRM"],
  nice=["Salesforce", "Onboarding", "Product demonstrations", "Data analysis",
        "Project management", "Presentation skills", "Negotiation", "Zendesk",
        "Conflict resolution", "Sales"],
  next=["account-executive", "sales-manager"])
R("sales-engineer", "41-9031.00", "sales", title="Sales Engineer", exp=3,
  aliases=["solutions engineer", "pre-sales engineer", "presales consultant",
           "technical sales engineer", "solutions consultant"],
  core=["Solution engineering", "Product demonstrations", "Sales", "Presentation skills",
        "Requirements gathering"],
  nice=["Cloud computing", "APIs", "SQL", "Networking", "Salesforce", "Relationship building",
        "Technical writing", "Python", "Negotiation"],
  next=["sales-manager", "cloud-architect"])
R("sales-manager", "11-2022.00", "sales", title="Sales Manager", exp=5,
  aliases=["sales director", "head of sales", "VP of sales", "regional sales manager",
           "sales team lead", "chief revenue officer"],
  core=["Sales", "People management", "Sales pipeline management", "Forecasting", "Coaching",
        "CRM"],
  nice=["Salesforce", "Budgeting", "Negotiation", "Account management", "Strategic planning",
        "Recruiting", "Leadership", "Business development", "Performance management"],
  next=["general-operations-manager", "chief-executive"])
R("real-estate-agent", "41-9022.00", "sales", title="Real Estate Agent", exp=0,
  aliases=["realtor", "real estate sales agent", "realtor associate", "buyer's agent",
           "listing agent", "real estate salesperson"],
  core=["Real estate", "Sales", "Negotiation", "Customer service", "Lead generation"],
  nice=["Marketing strategy", "Social media marketing", "CRM", "Contract management",
        "Photography", "Relationship building", "Safe driving"],
  next=["real-estate-broker", "property-manager"])
R("real-estate-broker", "41-9021.00", "sales", title="Real Estate Broker", exp=3,
  aliases=["managing broker", "principal broker", "broker owner", "commercial real estate broker"],
  core=["Real estate", "Sales", "Negotiation", "People management", "Contract management",
        "Business development"],
  nice=["Property management", "Marketing strategy", "Coaching", "Budgeting", "Compliance",
        "Relationship building"],
  next=["property-manager"])
R("insurance-sales-agent", "41-3021.00", "sales", title="Insurance Sales Agent", exp=0,
  aliases=["insurance agent", "insurance producer", "life insurance agent", "insurance broker",
           "benefits consultant"],
  core=["Insurance", "Sales", "Lead generation", "Customer service", "Relationship building"],
  nice=["CRM", "Negotiation", "Financial planning", "Securities licenses", "Communication",
        "Microsoft Office", "Spanish"],
  next=["sales-manager", "personal-financial-advisor", "insurance-underwriter"])
R("retail-salesperson", "41-2031.00", "sales", title="Retail Salesperson", exp=0,
  aliases=["retail sales associate", "sales associate", "store associate", "sales clerk",
           "retail associate", "sales floor associate"],
  core=["Retail sales", "Customer service", "Cash handling", "Point of sale systems"],
  nice=["Merchandising", "Inventory management", "Communication", "Sales", "Teamwork",
        "Physical stamina", "Spanish"],
  next=["retail-store-supervisor"])
R("retail-store-supervisor", "41-1011.00", "sales", title="Retail Store Manager", exp=2,
  aliases=["store manager", "retail manager", "assistant store manager",
           "shift supervisor retail", "department manager retail",
           "first-line supervisor of retail sales workers"],
  core=["Retail sales", "People management", "Merchandising", "Inventory management",
        "Scheduling", "Customer service"],
  nice=["Cash handling", "Point of sale systems", "Budgeting", "Training and development",
        "Sales", "Conflict resolution", "Recruiting"],
  next=["general-operations-manager", "sales-manager"])
R("cashier", "41-2011.00", "sales", title="Cashier", exp=0,
  aliases=["checkout clerk", "cashier clerk", "front end cashier", "grocery cashier",
           "register clerk"],
  core=["Cash handling", "Point of sale systems", "Customer service"],
  nice=["Retail sales", "Communication", "Mathematics", "Attention to detail", "Multitasking",
        "Teamwork"],
  next=["retail-salesperson", "bank-teller", "retail-store-supervisor"])
R("advertising-sales-agent", "41-3011.00", "sales", title="Advertising Sales Agent", exp=1,
  aliases=["ad sales representative", "media sales executive", "advertising account executive",
           "sponsorship sales manager"],
  core=["Advertising sales", "Sales", "Lead generation", "Negotiation", "Relationship building"],
  nice=["CRM", "Digital marketing", "Presentation skills", "Pay-per-click advertising",
        "Salesforce", "Market research", "Account management"],
  next=["sales-manager", "advertising-promotions-manager"])

# ===================================== HEALTHCARE ================================================
R("registered-nurse", "29-1141.00", "healthcare", title="Registered Nurse", exp=0,
  aliases=["RN", "staff nurse", "charge nurse", "ICU nurse", "ER nurse", "nurse",
           "clinical nurse", "travel nurse", "BSN nurse"],
  core=["Patient care", "Patient assessment", "Medication administration", "Care planning",
        "Electronic health records", "Vital signs", "IV therapy"],
  nice=["CPR", "Wound care", "Infection control", "Patient education", "Triage",
        "Clinical documentation", "Epic Systems", "Critical thinking", "Empathy", "HIPAA",
        "Pharmacology"],
  next=["nurse-practitioner", "medical-health-services-manager", "nursing-instructor"])
R("nurse-practitioner", "29-1171.00", "healthcare", title="Nurse Practitioner",
  edu="Master's degree", exp=2,
  aliases=["NP", "family nurse practitioner", "FNP", "APRN", "advanced practice nurse"],
  core=["Diagnosis", "Prescribing", "Primary care", "Patient assessment", "Patient education",
        "Care planning"],
  nice=["Pharmacology", "Electronic health records", "Clinical documentation", "Epic Systems",
        "CPR", "Leadership", "Wound care"],
  next=["medical-health-services-manager"])
R("licensed-practical-nurse", "29-2061.00", "healthcare", title="Licensed Practical Nurse", exp=0,
  aliases=["LPN", "LVN", "licensed vocational nurse", "practical nurse"],
  core=["Patient care", "Vital signs", "Medication administration", "Wound care",
        "Clinical documentation"],
  nice=["CPR", "Infection control", "Personal care", "Electronic health records", "IV therapy",
        "Patient education", "Empathy", "Medical terminology"],
  next=["registered-nurse"])
R("physician-assistant", "29-1071.00", "healthcare", title="Physician Assistant", exp=2,
  aliases=["PA", "PA-C", "physician associate", "certified physician assistant"],
  core=["Diagnosis", "Patient assessment", "Prescribing", "Wound care", "Surgical assisting",
        "Emergency medical care"],
  nice=["Clinical documentation", "Pharmacology", "Electronic health records",
        "Patient education", "CPR", "Primary care", "Care planning"],
  next=["medical-health-services-manager"])
R("family-physician", "29-1215.00", "healthcare", title="Family Medicine Physician", exp=3,
  aliases=["family doctor", "family physician", "primary care physician", "PCP", "GP",
           "general practitioner", "doctor", "physician"],
  core=["Diagnosis", "Primary care", "Prescribing", "Pharmacology", "Anatomy and physiology",
        "Medical terminology"],
  nice=["Patient assessment", "Patient education", "Electronic health records",
        "Clinical documentation", "Clinical research", "People management", "Empathy",
        "Decision making"],
  next=["medical-health-services-manager"])
R("surgeon", "29-1249.00", "healthcare", title="Surgeon", exp=5,
  edu="Doctoral degree (MD or DO) and residency", zone=5,
  aliases=["general surgeon", "surgical resident", "trauma surgeon", "attending surgeon"],
  core=["Surgery", "Diagnosis", "Anatomy and physiology", "Infection control", "Decision making"],
  nice=["Pharmacology", "Clinical documentation", "Leadership", "Clinical research",
        "Patient education", "Attention to detail", "Manual dexterity"],
  next=["medical-health-services-manager"])
R("anesthesiologist", "29-1211.00", "healthcare", title="Anesthesiologist", exp=5,
  edu="Doctoral degree (MD or DO) and residency",
  aliases=["anesthesia physician", "anaesthetist", "pain management physician"],
  core=["Anesthesia", "Pharmacology", "Patient assessment", "Vital signs", "Patient care",
        "Decision making"],
  nice=["Surgery", "CPR", "Diagnosis", "Respiratory care", "IV therapy", "Clinical documentation",
        "Attention to detail"],
  next=["medical-health-services-manager"])
R("pharmacist", "29-1051.00", "healthcare", title="Pharmacist", exp=0,
  aliases=["clinical pharmacist", "retail pharmacist", "PharmD", "staff pharmacist",
           "hospital pharmacist"],
  core=["Pharmacology", "Prescription dispensing", "Patient education", "Compounding",
        "Attention to detail"],
  nice=["Medication administration", "HIPAA", "Electronic health records", "Inventory management",
        "People management", "Customer service", "Insurance"],
  next=["medical-health-services-manager"])
R("pharmacy-technician", "29-2052.00", "healthcare", title="Pharmacy Technician", exp=0,
  aliases=["pharmacy tech", "CPhT", "certified pharmacy technician", "pharmacy assistant"],
  core=["Prescription dispensing", "Customer service", "Data entry", "Inventory management",
        "Attention to detail"],
  nice=["Compounding", "Medical terminology", "HIPAA", "Cash handling", "Point of sale systems",
        "Pharmacology", "Medical billing", "Electronic health records"],
  next=["pharmacist"])
R("physical-therapist", "29-1123.00", "healthcare", title="Physical Therapist", exp=0,
  aliases=["PT", "physiotherapist", "DPT", "doctor of physical therapy",
           "sports physical therapist"],
  core=["Physical rehabilitation", "Patient assessment", "Anatomy and physiology",
        "Patient education", "Care planning"],
  nice=["Clinical documentation", "Electronic health records", "Sports medicine", "Empathy",
        "Patient positioning", "Communication"],
  next=["medical-health-services-manager"])
R("physical-therapist-assistant", "31-2021.00", "healthcare", title="Physical Therapist Assistant",
  exp=0,
  aliases=["PTA", "physical therapy assistant", "rehab assistant", "physical therapy aide"],
  core=["Physical rehabilitation", "Patient positioning", "Vital signs", "Clinical documentation",
        "Patient education"],
  nice=["Anatomy and physiology", "CPR", "Empathy", "Physical stamina",
        "Electronic health records"],
  next=["physical-therapist"])
R("occupational-therapist", "29-1122.00", "healthcare", title="Occupational Therapist", exp=0,
  aliases=["OT", "OTR/L", "pediatric occupational therapist", "school occupational therapist"],
  core=["Occupational therapy", "Patient assessment", "Care planning", "Patient education",
        "Anatomy and physiology"],
  nice=["Physical rehabilitation", "Clinical documentation", "Electronic health records",
        "Special education", "Empathy", "Creativity", "Child development"],
  next=["medical-health-services-manager"])
R("respiratory-therapist", "29-1126.00", "healthcare", title="Respiratory Therapist", exp=0,
  aliases=["RT", "RRT", "registered respiratory therapist", "respiratory care practitioner"],
  core=["Respiratory care", "Patient assessment", "Vital signs", "CPR", "Patient care"],
  nice=["Medication administration", "Patient education", "Clinical documentation",
        "Electronic health records", "Infection control", "Critical thinking",
        "Anatomy and physiology"],
  next=["medical-health-services-manager"])
R("speech-language-pathologist", "29-1127.00", "healthcare", title="Speech-Language Pathologist",
  edu="Master's degree", exp=0,
  aliases=["SLP", "speech therapist", "speech pathologist", "CCC-SLP"],
  core=["Speech-language therapy", "Patient assessment", "Care planning", "Patient education",
        "Child development"],
  nice=["Special education", "Clinical documentation", "Electronic health records", "Counseling",
        "Cultural competence", "Empathy", "Research"],
  next=["medical-health-services-manager"])
R("dental-hygienist", "29-1292.00", "healthcare", title="Dental Hygienist", exp=0,
  aliases=["RDH", "registered dental hygienist", "hygienist"],
  core=["Dental hygiene", "Radiography", "Patient education", "Infection control",
        "Patient assessment"],
  nice=["Electronic health records", "Cerner", "Vital signs", "CPR", "Empathy",
        "Manual dexterity", "Clinical documentation", "Anatomy and physiology"],
  next=["dentist"])
R("dentist", "29-1021.00", "healthcare", title="Dentist", exp=0,
  aliases=["general dentist", "DDS", "DMD", "family dentist"],
  core=["Dentistry", "Diagnosis", "Radiography", "Patient education", "Infection control"],
  nice=["Anesthesia", "Surgery", "People management", "Dental hygiene",
        "Electronic health records", "Manual dexterity", "Healthcare administration"],
  next=["medical-health-services-manager"])
R("dental-assistant", "31-9091.00", "healthcare", title="Dental Assistant", exp=0,
  aliases=["registered dental assistant", "RDA", "chairside assistant", "dental nurse"],
  core=["Dentistry", "Infection control", "Radiography", "Medical office procedures"],
  nice=["Scheduling", "Electronic health records", "Patient education", "CPR", "Customer service",
        "Manual dexterity", "Medical billing"],
  next=["dental-hygienist"])
R("medical-assistant", "31-9092.00", "healthcare", title="Medical Assistant", exp=0,
  aliases=["MA", "clinical medical assistant", "certified medical assistant", "CMA",
           "medical office assistant"],
  core=["Vital signs", "Phlebotomy", "Medical office procedures", "Electronic health records",
        "Medication administration"],
  nice=["Scheduling", "Medical terminology", "Medical billing", "Infection control", "CPR",
        "HIPAA", "Customer service", "Patient education", "Laboratory testing",
        "Clinical documentation"],
  next=["licensed-practical-nurse", "registered-nurse", "medical-records-specialist"])
R("phlebotomist", "31-9097.00", "healthcare", title="Phlebotomist", exp=0,
  aliases=["phlebotomy technician", "certified phlebotomy technician", "blood draw technician",
           "lab assistant phlebotomy"],
  core=["Phlebotomy", "Infection control", "Patient care", "Laboratory testing"],
  nice=["Medical terminology", "HIPAA", "Data entry", "Customer service", "CPR",
        "Electronic health records", "Attention to detail", "Empathy"],
  next=["medical-assistant", "clinical-lab-technologist"])
R("nursing-assistant", "31-1131.00", "healthcare", title="Nursing Assistant", exp=0,
  aliases=["CNA", "certified nursing assistant", "nurse aide", "patient care technician", "PCT",
           "STNA"],
  core=["Personal care", "Vital signs", "Patient care", "Patient positioning",
        "Infection control"],
  nice=["CPR", "Empathy", "Clinical documentation", "Physical stamina", "Communication",
        "Medical terminology", "Teamwork"],
  next=["licensed-practical-nurse", "registered-nurse"])
R("home-health-aide", "31-1121.00", "healthcare", title="Home Health Aide", exp=0,
  aliases=["HHA", "personal care aide", "caregiver", "home care aide", "personal care assistant",
           "companion caregiver"],
  core=["Personal care", "Empathy", "Cooking", "Safe driving"],
  nice=["Vital signs", "Medication administration", "CPR", "Infection control",
        "Janitorial services", "Communication", "Physical stamina", "Spanish",
        "Patient positioning"],
  next=["nursing-assistant"])
R("emt", "29-2042.00", "healthcare", title="Emergency Medical Technician", exp=0,
  aliases=["EMT", "EMT-B", "EMT basic", "ambulance technician",
           "emergency medical technician basic"],
  core=["Emergency medical care", "CPR", "Patient assessment", "Vital signs", "Triage"],
  nice=["Safe driving", "Patient positioning", "Clinical documentation", "Medical terminology",
        "Physical stamina", "Decision making", "Teamwork", "Infection control"],
  next=["paramedic", "firefighter", "registered-nurse"])
R("paramedic", "29-2043.00", "healthcare", title="Paramedic", exp=1,
  aliases=["EMT-P", "flight paramedic", "critical care paramedic", "firefighter paramedic"],
  core=["Emergency medical care", "CPR", "Patient assessment", "IV therapy",
        "Medication administration", "Triage"],
  nice=["Vital signs", "Pharmacology", "Clinical documentation", "Safe driving",
        "Decision making", "Leadership", "Patient positioning"],
  next=["registered-nurse", "physician-assistant", "firefighter"])
R("radiologic-technologist", "29-2034.00", "healthcare", title="Radiologic Technologist", exp=0,
  aliases=["radiographer", "x-ray technician", "rad tech", "CT technologist",
           "radiology technician", "mammographer"],
  core=["Radiography", "Patient positioning", "Anatomy and physiology", "Patient care"],
  nice=["MRI", "Electronic health records", "Infection control", "CPR", "Medical terminology",
        "Attention to detail", "Empathy", "HIPAA"],
  next=["mri-technologist", "diagnostic-medical-sonographer"])
R("mri-technologist", "29-2035.00", "healthcare", title="MRI Technologist", exp=1,
  aliases=["MRI tech", "magnetic resonance imaging technologist", "MR technologist"],
  core=["MRI", "Patient positioning", "Anatomy and physiology", "Patient care", "IV therapy"],
  nice=["Radiography", "Infection control", "CPR", "Electronic health records",
        "Medical terminology", "Attention to detail", "Empathy"],
  next=["medical-health-services-manager"])
R("diagnostic-medical-sonographer", "29-2032.00", "healthcare",
  title="Diagnostic Medical Sonographer", exp=0,
  aliases=["sonographer", "ultrasound technician", "ultrasound tech", "echocardiographer",
           "vascular sonographer"],
  core=["Ultrasound", "Anatomy and physiology", "Patient positioning", "Patient care",
        "Medical terminology"],
  nice=["Electronic health records", "Infection control", "Attention to detail", "Communication",
        "Empathy", "Clinical documentation", "CPR"],
  next=["medical-health-services-manager"])
R("clinical-lab-technologist", "29-2011.00", "healthcare",
  title="Clinical Laboratory Technologist", soc="29-2010", exp=0,
  aliases=["medical laboratory scientist", "MLS", "medical technologist", "lab technologist",
           "clinical laboratory scientist", "medical lab technician"],
  core=["Laboratory testing", "Microscopy", "Quality control", "Laboratory techniques",
        "Attention to detail"],
  nice=["Phlebotomy", "Microbiology", "Molecular biology", "Infection control",
        "Electronic health records", "Data entry", "Chemistry", "Analytical chemistry"],
  next=["medical-health-services-manager", "medical-scientist"])
R("medical-records-specialist", "29-2072.00", "healthcare", title="Medical Records Specialist",
  exp=0,
  aliases=["medical coder", "medical biller", "medical billing and coding specialist",
           "health information technician", "coding specialist", "HIM specialist"],
  core=["Medical coding", "Medical billing", "Electronic health records", "HIPAA",
        "Medical terminology"],
  nice=["Data entry", "Attention to detail", "Microsoft Excel", "Anatomy and physiology",
        "Compliance", "Customer service"],
  next=["medical-health-services-manager"])
R("dietitian", "29-1031.00", "healthcare", title="Dietitian", exp=0,
  aliases=["registered dietitian", "RD", "nutritionist", "clinical dietitian", "RDN"],
  core=["Nutrition", "Patient education", "Patient assessment", "Care planning", "Counseling"],
  nice=["Food science", "Public health", "Health education", "Clinical documentation",
        "Electronic health records", "Food service management", "Empathy", "Research"],
  next=["medical-health-services-manager", "health-education-specialist"])
R("surgical-technologist", "29-2055.00", "healthcare", title="Surgical Technologist", exp=0,
  aliases=["surgical tech", "scrub tech", "operating room technician",
           "certified surgical technologist"],
  core=["Surgical assisting", "Infection control", "Patient positioning", "Attention to detail"],
  nice=["Anatomy and physiology", "Medical terminology", "CPR", "Teamwork", "Physical stamina",
        "Surgery"],
  next=["registered-nurse"])
R("veterinarian", "29-1131.00", "healthcare", title="Veterinarian", exp=0,
  aliases=["vet", "DVM", "veterinary doctor", "small animal veterinarian",
           "associate veterinarian"],
  core=["Veterinary care", "Diagnosis", "Surgery", "Prescribing", "Anesthesia"],
  nice=["Radiography", "Laboratory testing", "Customer service", "Communication", "Empathy",
        "People management", "Ultrasound", "Dentistry"],
  next=[])
R("veterinary-technician", "29-2056.00", "healthcare", title="Veterinary Technician", exp=0,
  aliases=["vet tech", "veterinary technologist", "veterinary nurse",
           "licensed veterinary technician", "LVT", "CVT"],
  core=["Veterinary care", "Laboratory testing", "Radiography", "Medication administration",
        "Surgical assisting"],
  nice=["Anesthesia", "Phlebotomy", "Customer service", "Infection control",
        "Clinical documentation", "Empathy", "Physical stamina"],
  next=["veterinarian"])
R("mental-health-counselor", "21-1014.00", "healthcare", title="Mental Health Counselor",
  soc="21-1018", edu="Master's degree", exp=1,
  aliases=["therapist", "counselor", "licensed professional counselor", "LPC",
           "substance abuse counselor", "addiction counselor", "behavioral health counselor"],
  core=["Counseling", "Cognitive behavioral therapy", "Crisis intervention", "Care planning",
        "Clinical documentation"],
  nice=["Psychological assessment", "Case management", "Empathy", "Active listening",
        "Cultural competence", "Electronic health records", "HIPAA", "De-escalation"],
  next=["social-community-service-manager", "clinical-psychologist"])
R("clinical-psychologist", "19-3033.00", "healthcare", title="Clinical Psychologist", exp=1,
  aliases=["psychologist", "counseling psychologist", "licensed psychologist", "PsyD"],
  core=["Psychological assessment", "Counseling", "Cognitive behavioral therapy", "Research",
        "Diagnosis"],
  nice=["Crisis intervention", "Statistics", "Scientific writing", "Clinical documentation",
        "Empathy", "Care planning", "Teaching"],
  next=[])
R("social-worker", "21-1021.00", "public service", title="Social Worker", exp=0,
  aliases=["child welfare social worker", "school social worker", "family social worker",
           "caseworker", "child protective services worker", "CPS investigator", "MSW"],
  core=["Case management", "Child welfare", "Crisis intervention", "Social services",
        "Counseling"],
  nice=["Community outreach", "Clinical documentation", "Cultural competence", "Empathy",
        "Report writing", "De-escalation", "Spanish", "Court procedures"],
  next=["social-community-service-manager", "mental-health-counselor"])
R("healthcare-social-worker", "21-1022.00", "healthcare", title="Healthcare Social Worker", exp=1,
  aliases=["medical social worker", "hospital social worker", "hospice social worker",
           "clinical social worker", "LCSW"],
  core=["Case management", "Care planning", "Social services", "Electronic health records",
        "HIPAA"],
  nice=["Counseling", "Crisis intervention", "Patient education", "Empathy",
        "Cultural competence", "Community outreach", "Medical terminology"],
  next=["social-community-service-manager"])
R("health-education-specialist", "21-1091.00", "healthcare", title="Health Education Specialist",
  exp=1,
  aliases=["health educator", "wellness coordinator", "community health educator",
           "public health educator", "health promotion specialist"],
  core=["Health education", "Public health", "Community outreach", "Curriculum development",
        "Presentation skills"],
  nice=["Public policy", "Grant writing", "Survey research", "Data analysis",
        "Social media marketing", "Cultural competence", "Spanish", "Public speaking"],
  next=["social-community-service-manager", "epidemiologist"])
R("community-health-worker", "21-1094.00", "healthcare", title="Community Health Worker", exp=0,
  aliases=["CHW", "patient navigator", "health outreach worker", "promotora",
           "community health representative"],
  core=["Community outreach", "Health education", "Case management", "Cultural competence"],
  nice=["Spanish", "Data entry", "Active listening", "Empathy", "Public health", "Safe driving",
        "Interviewing"],
  next=["health-education-specialist", "social-worker"])
R("massage-therapist", "31-9011.00", "healthcare", title="Massage Therapist", exp=0,
  aliases=["LMT", "licensed massage therapist", "massage practitioner", "bodyworker"],
  core=["Massage therapy", "Anatomy and physiology", "Customer service", "Physical stamina"],
  nice=["Empathy", "Scheduling", "Sports medicine", "Communication", "Sales",
        "Clinical documentation", "Infection control"],
  next=["physical-therapist-assistant"])
R("athletic-trainer", "29-9091.00", "healthcare", title="Athletic Trainer", exp=0,
  aliases=["ATC", "certified athletic trainer", "sports medicine athletic trainer"],
  core=["Sports medicine", "Physical rehabilitation", "CPR", "Patient assessment",
        "Anatomy and physiology"],
  nice=["Emergency medical care", "Patient education", "Clinical documentation",
        "Electronic health records", "Communication", "Coaching", "Empathy"],
  next=["physical-therapist"])
R("optometrist", "29-1041.00", "healthcare", title="Optometrist", exp=0,
  aliases=["OD", "doctor of optometry", "eye doctor"],
  core=["Eye care", "Diagnosis", "Prescribing", "Patient education"],
  nice=["Electronic health records", "Customer service", "People management", "Sales",
        "Medical terminology", "Attention to detail"],
  next=[])
R("fitness-trainer", "39-9031.00", "healthcare", title="Fitness Trainer", exp=0,
  aliases=["personal trainer", "group fitness instructor", "fitness instructor", "strength coach",
           "exercise trainer", "yoga instructor"],
  core=["Sports medicine", "Coaching", "CPR", "Anatomy and physiology"],
  nice=["Nutrition", "Sales", "Customer service", "Leadership", "Public speaking",
        "Social media marketing", "Physical stamina"],
  next=["athletic-trainer"])
R("medical-scientist", "19-1042.00", "science", title="Medical Scientist", exp=0,
  aliases=["biomedical scientist", "clinical scientist", "research scientist biomedical",
           "postdoctoral researcher", "translational scientist"],
  core=["Research", "Clinical research", "Molecular biology", "Laboratory techniques",
        "Scientific writing", "Statistics"],
  nice=["Cell culture", "Genomics", "Grant writing", "Microbiology", "Biostatistics",
        "Research compliance", "Data analysis", "R", "Python"],
  next=[])
R("epidemiologist", "19-1041.00", "science", title="Epidemiologist", edu="Master's degree", exp=0,
  aliases=["public health epidemiologist", "infectious disease epidemiologist",
           "epidemiology analyst", "disease investigator"],
  core=["Epidemiology", "Biostatistics", "Public health", "Statistics", "SAS", "R"],
  nice=["Data analysis", "Scientific writing", "Research", "GIS", "Survey research", "Python",
        "SQL", "Grant writing", "Presentation skills"],
  next=["medical-scientist", "biostatistician"])

# ===================================== EDUCATION =================================================
R("preschool-teacher", "25-2011.00", "education", title="Preschool Teacher", exp=0,
  aliases=["pre-k teacher", "early childhood teacher", "daycare teacher", "Head Start teacher",
           "early childhood educator"],
  core=["Early childhood education", "Child development", "Child care", "Lesson planning",
        "Classroom management"],
  nice=["CPR", "Communication", "Creativity", "Empathy", "Special education",
        "Literacy instruction", "Teaching"],
  next=["kindergarten-teacher", "elementary-teacher"])
R("kindergarten-teacher", "25-2012.00", "education", title="Kindergarten Teacher", exp=0,
  aliases=["kindergarten educator", "K teacher", "transitional kindergarten teacher"],
  core=["Teaching", "Early childhood education", "Literacy instruction", "Classroom management",
        "Child development", "Lesson planning"],
  nice=["Student assessment", "Differentiated instruction", "Educational technology",
        "Communication", "Creativity", "Special education"],
  next=["elementary-teacher", "instructional-coordinator"])
R("elementary-teacher", "25-2021.00", "education", title="Elementary School Teacher", exp=0,
  aliases=["elementary teacher", "primary school teacher", "grade school teacher",
           "classroom teacher", "3rd grade teacher", "first grade teacher"],
  core=["Teaching", "Lesson planning", "Classroom management", "Literacy instruction",
        "STEM education", "Differentiated instruction"],
  nice=["Student assessment", "Curriculum development", "Educational technology",
        "Child development", "Special education", "Communication", "Learning management systems"],
  next=["instructional-coordinator", "school-principal", "school-counselor"])
R("middle-school-teacher", "25-2022.00", "education", title="Middle School Teacher", exp=0,
  aliases=["middle school math teacher", "middle school science teacher", "junior high teacher",
           "middle grades teacher", "6th grade teacher"],
  core=["Teaching", "Lesson planning", "Classroom management", "Student assessment",
        "Curriculum development", "Educational technology"],
  nice=["Differentiated instruction", "STEM education", "Literacy instruction",
        "Learning management systems", "Communication", "Special education", "Coaching"],
  next=["instructional-coordinator", "school-principal", "high-school-teacher"])
R("high-school-teacher", "25-2031.00", "education", title="High School Teacher", exp=0,
  aliases=["secondary school teacher", "high school math teacher", "high school English teacher",
           "high school science teacher", "secondary teacher", "AP teacher"],
  core=["Teaching", "Curriculum development", "Student assessment", "Lesson planning",
        "Learning management systems", "Academic advising"],
  nice=["Classroom management", "Educational technology", "STEM education",
        "Differentiated instruction", "Tutoring", "Coaching", "Writing", "Mentoring"],
  next=["instructional-coordinator", "school-principal", "school-counselor"])
R("special-education-teacher", "25-2056.00", "education", title="Special Education Teacher",
  soc="25-2052", exp=0,
  aliases=["SPED teacher", "special ed teacher", "resource teacher", "intervention specialist",
           "learning support teacher", "autism teacher"],
  core=["Special education", "Differentiated instruction", "Teaching", "Classroom management",
        "Student assessment"],
  nice=["Lesson planning", "Child development", "De-escalation", "Communication", "Empathy",
        "Teamwork", "Literacy instruction"],
  next=["instructional-coordinator", "school-principal", "school-counselor"])
R("postsecondary-cs-teacher", "25-1021.00", "education", title="Computer Science Professor", exp=0,
  aliases=["computer science lecturer", "CS professor", "assistant professor computer science",
           "computer science instructor", "postsecondary computer science teacher"],
  core=["Teaching", "Computer science", "Research", "Curriculum development",
        "Scientific writing", "Software development"],
  nice=["Python", "Java", "Data structures and algorithms", "Machine learning", "Grant writing",
        "Mentoring", "Public speaking", "Learning management systems"],
  next=["postsecondary-education-administrator"])
R("nursing-instructor", "25-1072.00", "education", title="Nursing Instructor", exp=3,
  aliases=["nursing professor", "clinical nursing instructor", "nurse educator",
           "nursing faculty"],
  core=["Teaching", "Patient care", "Curriculum development", "Student assessment",
        "Care planning"],
  nice=["Pharmacology", "Electronic health records", "Research", "Mentoring", "Public speaking",
        "Learning management systems", "Scientific writing"],
  next=["postsecondary-education-administrator"])
R("instructional-coordinator", "25-9031.00", "education", title="Instructional Coordinator", exp=4,
  aliases=["curriculum coordinator", "curriculum specialist", "instructional coach",
           "curriculum developer", "academic coach"],
  core=["Curriculum development", "Training and development", "Student assessment",
        "Educational technology", "Teaching"],
  nice=["Data analysis", "Differentiated instruction", "Instructional design", "Lesson planning",
        "Coaching", "Presentation skills", "Special education", "Project management"],
  next=["school-principal"])
C(id="instructional-designer", onet="25-9031.00", family="education",
  title="Instructional Designer", exp=2,
  aliases=["learning experience designer", "e-learning developer", "elearning designer",
           "learning designer", "course designer", "LXD"],
  desc="Designs courses and training (online and in person): learning goals, content, "
       "activities and assessments.",
  core=["Instructional design", "E-learning", "Articulate Storyline",
        "Learning management systems", "Curriculum development"],
  nice=["Training and development", "Video editing", "Graphic design", "Writing",
        "Project management", "Adobe Creative Suite", "Storyboarding", "Accessibility"],
  next=["training-development-manager"])
R("school-counselor", "21-1012.00", "education", title="School Counselor", edu="Master's degree",
  exp=1,
  aliases=["guidance counselor", "academic advisor", "college counselor", "career counselor",
           "school guidance counselor", "student advisor"],
  core=["Academic advising", "Counseling", "Crisis intervention", "Child development",
        "Cultural competence"],
  nice=["Special education", "Case management", "Active listening", "Empathy", "Data analysis",
        "Community outreach"],
  next=["school-principal", "mental-health-counselor"])
R("librarian", "25-4022.00", "education", title="Librarian", edu="Master's degree", exp=0,
  aliases=["school librarian", "reference librarian", "media specialist", "archivist",
           "library media specialist", "academic librarian"],
  core=["Library science", "Research", "Customer service", "Educational technology"],
  nice=["Community outreach", "Teaching", "Writing", "Grant writing", "Public speaking",
        "Organization"],
  next=["instructional-coordinator"])
R("teaching-assistant", "25-9042.00", "education", title="Teaching Assistant", exp=0,
  aliases=["teacher assistant", "paraprofessional", "para educator", "instructional aide",
           "classroom aide", "teacher's aide"],
  core=["Tutoring", "Classroom management", "Child development", "Teaching"],
  nice=["Special education", "Empathy", "Communication", "Teamwork", "CPR",
        "Literacy instruction", "Data entry"],
  next=["elementary-teacher", "special-education-teacher"])
R("school-principal", "11-9032.00", "education", title="School Principal", exp=5,
  aliases=["principal", "assistant principal", "vice principal", "head of school",
           "school administrator", "education administrator K-12"],
  core=["Educational leadership", "People management", "Budgeting", "Curriculum development",
        "Performance management"],
  nice=["Community outreach", "Special education", "Data analysis", "Conflict resolution",
        "Public speaking", "Strategic planning", "Compliance", "Crisis intervention", "Teaching"],
  next=[])
R("postsecondary-education-administrator", "11-9033.00", "education",
  title="Postsecondary Education Administrator", exp=5,
  aliases=["dean", "registrar", "director of admissions", "provost", "university administrator",
           "dean of students", "college administrator"],
  core=["Educational leadership", "Academic advising", "Budgeting", "Strategic planning",
        "People management"],
  nice=["Compliance", "Fundraising", "Data analysis", "Public speaking", "Project management",
        "Grant writing"],
  next=[])
R("tutor", "25-3041.00", "education", title="Tutor", exp=0,
  aliases=["private tutor", "math tutor", "writing tutor", "online tutor", "test prep tutor",
           "academic tutor"],
  core=["Tutoring", "Teaching", "Communication", "Empathy"],
  nice=["STEM education", "Literacy instruction", "Lesson planning", "Student assessment",
        "Adaptability", "Educational technology", "ESL instruction", "Mathematics", "Writing"],
  next=["elementary-teacher", "high-school-teacher"])
R("esl-teacher", "25-3011.00", "education", title="ESL Teacher", exp=0,
  aliases=["ESL instructor", "English as a second language teacher", "ESOL teacher",
           "adult education teacher", "TEFL teacher", "English language teacher"],
  core=["ESL instruction", "Teaching", "Lesson planning", "Cultural competence",
        "Differentiated instruction"],
  nice=["Foreign languages", "Spanish", "Student assessment", "Educational technology",
        "Literacy instruction", "Curriculum development", "Empathy"],
  next=["instructional-coordinator"])
R("childcare-worker", "39-9011.00", "education", title="Childcare Worker", exp=0,
  aliases=["child care provider", "daycare worker", "nanny", "babysitter", "child care assistant",
           "after-school counselor"],
  core=["Child care", "Child development", "CPR"],
  nice=["Early childhood education", "Cooking", "Communication", "Empathy", "Creativity",
        "Physical stamina", "Organization"],
  next=["preschool-teacher", "teaching-assistant"])

# ===================================== SKILLED TRADES ============================================
R("electrician", "47-2111.00", "trades", title="Electrician", exp=None,
  aliases=["journeyman electrician", "apprentice electrician", "master electrician",
           "industrial electrician", "residential electrician", "commercial electrician",
           "maintenance electrician"],
  core=["Electrical wiring", "National Electrical Code", "Electrical troubleshooting",
        "Blueprint reading", "Construction safety", "Power tools"],
  nice=["Multimeter", "PLC programming", "Solar installation", "Mathematics", "Physical stamina",
        "Troubleshooting", "Customer service", "Safe driving", "Mechanical aptitude"],
  next=["construction-supervisor", "electrical-engineering-technician"])
R("plumber", "47-2152.00", "trades", title="Plumber", exp=None,
  aliases=["pipefitter", "steamfitter", "journeyman plumber", "apprentice plumber",
           "plumbing technician", "master plumber"],
  core=["Plumbing", "Blueprint reading", "Building codes", "Power tools", "Construction safety"],
  nice=["Welding", "Troubleshooting", "Customer service", "Physical stamina", "Mathematics",
        "Safe driving", "HVAC", "Mechanical aptitude"],
  next=["construction-supervisor", "construction-manager"])
R("hvac-technician", "49-9021.00", "trades", title="HVAC Technician", exp=None,
  aliases=["HVAC tech", "HVAC mechanic", "refrigeration technician", "HVAC installer",
           "heating and air conditioning technician", "HVAC service technician"],
  core=["HVAC", "Refrigeration", "Electrical troubleshooting", "Troubleshooting", "Multimeter"],
  nice=["Blueprint reading", "Customer service", "Construction safety", "Safe driving",
        "Plumbing", "Welding", "Mechanical aptitude", "Physical stamina"],
  next=["construction-supervisor"])
R("carpenter", "47-2031.00", "trades", title="Carpenter", exp=None,
  aliases=["finish carpenter", "framer", "rough carpenter", "journeyman carpenter",
           "cabinet maker", "trim carpenter"],
  core=["Carpentry", "Power tools", "Blueprint reading", "Construction", "Construction safety"],
  nice=["Mathematics", "Building codes", "Concrete work", "Physical stamina",
        "Painting and finishing", "Roofing", "Rigging", "Manual dexterity"],
  next=["construction-supervisor", "cost-estimator"])
R("welder", "51-4121.00", "trades", title="Welder", exp=None,
  aliases=["welder fabricator", "pipe welder", "MIG welder", "TIG welder", "structural welder",
           "certified welder", "brazer"],
  core=["Welding", "Metal fabrication", "Blueprint reading", "Construction safety",
        "Precision measurement"],
  nice=["Power tools", "Machining", "Physical stamina", "Manual dexterity", "Rigging",
        "Quality control", "Attention to detail"],
  next=["quality-control-inspector", "machinist", "construction-supervisor"])
R("automotive-technician", "49-3023.00", "trades", title="Automotive Technician", exp=None,
  aliases=["auto mechanic", "car mechanic", "automotive mechanic", "auto technician",
           "lube technician", "master technician", "service technician automotive"],
  core=["Automotive repair", "Diagnostic scan tools", "Electrical troubleshooting",
        "Troubleshooting", "Power tools"],
  nice=["Customer service", "Hydraulics and pneumatics", "Diesel engine repair", "Multimeter",
        "Mechanical aptitude", "Safe driving", "Physical stamina", "Welding"],
  next=["diesel-mechanic"])
R("diesel-mechanic", "49-3031.00", "trades", title="Diesel Mechanic", exp=None,
  aliases=["diesel technician", "truck mechanic", "diesel engine specialist", "fleet mechanic",
           "bus mechanic"],
  core=["Diesel engine repair", "Diagnostic scan tools", "Hydraulics and pneumatics",
        "Troubleshooting", "Electrical troubleshooting"],
  nice=["Commercial driving", "Welding", "Heavy equipment repair", "Automotive repair",
        "Construction safety", "Industrial maintenance", "Power tools"],
  next=["heavy-equipment-mechanic"])
R("heavy-equipment-mechanic", "49-3042.00", "trades", title="Heavy Equipment Mechanic", exp=None,
  aliases=["heavy equipment technician", "mobile equipment mechanic",
           "construction equipment mechanic", "field mechanic", "heavy duty mechanic"],
  core=["Heavy equipment repair", "Hydraulics and pneumatics", "Diesel engine repair", "Welding",
        "Troubleshooting"],
  nice=["Electrical troubleshooting", "Diagnostic scan tools", "Construction safety",
        "Power tools", "Safe driving", "Heavy equipment operation"],
  next=[])
R("aircraft-mechanic", "49-3011.00", "trades", title="Aircraft Mechanic", exp=None,
  aliases=["aircraft maintenance technician", "A&P mechanic", "aviation mechanic",
           "airframe and powerplant mechanic", "avionics technician", "AMT"],
  core=["Aircraft maintenance", "Hydraulics and pneumatics", "Electrical troubleshooting",
        "Troubleshooting", "Attention to detail"],
  nice=["Power tools", "Precision measurement", "Report writing", "Construction safety",
        "Welding", "Metal fabrication", "Blueprint reading"],
  next=[])
R("construction-laborer", "47-2061.00", "trades", title="Construction Laborer", exp=None,
  aliases=["laborer", "general laborer", "construction worker", "construction helper",
           "site laborer", "demolition worker"],
  core=["Construction", "Power tools", "Construction safety", "Physical stamina"],
  nice=["Concrete work", "Heavy equipment operation", "Carpentry", "Rigging",
        "Forklift operation", "Teamwork", "Blueprint reading"],
  next=["carpenter", "construction-supervisor", "heavy-equipment-operator"])
R("heavy-equipment-operator", "47-2073.00", "trades", title="Heavy Equipment Operator", exp=None,
  aliases=["equipment operator", "operating engineer", "excavator operator", "crane operator",
           "bulldozer operator", "loader operator"],
  core=["Heavy equipment operation", "Construction safety", "Construction"],
  nice=["Commercial driving", "Rigging", "Heavy equipment repair", "Physical stamina",
        "Attention to detail", "Forklift operation", "Blueprint reading"],
  next=["construction-supervisor"])
R("machinist", "51-4041.00", "trades", title="Machinist", exp=None,
  aliases=["tool and die maker", "manual machinist", "production machinist",
           "journeyman machinist", "machine shop machinist"],
  core=["Machining", "Precision measurement", "Blueprint reading", "GD&T", "CNC machining"],
  nice=["Mathematics", "Quality control", "Metal fabrication", "Construction safety", "AutoCAD",
        "Attention to detail", "Manual dexterity", "SolidWorks"],
  next=["cnc-programmer", "quality-control-inspector"])
R("cnc-operator", "51-9161.00", "trades", title="CNC Operator", exp=None,
  aliases=["CNC machine operator", "CNC machinist", "CNC lathe operator", "CNC mill operator",
           "computer numerically controlled tool operator"],
  core=["CNC machining", "Precision measurement", "Quality control", "Blueprint reading"],
  nice=["Machining", "Construction safety", "Attention to detail", "Physical stamina",
        "Manual dexterity", "Mathematics"],
  next=["cnc-programmer", "machinist"])
R("cnc-programmer", "51-9162.00", "trades", title="CNC Programmer", exp=None,
  aliases=["CNC tool programmer", "CAM programmer", "NC programmer", "Mastercam programmer"],
  core=["CNC machining", "GD&T", "CAD", "Blueprint reading", "Precision measurement"],
  nice=["SolidWorks", "AutoCAD", "Machining", "Mathematics", "Quality control",
        "Attention to detail", "Manufacturing processes"],
  next=["industrial-production-manager", "mechanical-engineering-technician"])
R("industrial-machinery-mechanic", "49-9041.00", "trades", title="Industrial Machinery Mechanic",
  exp=None,
  aliases=["maintenance mechanic", "industrial mechanic", "millwright", "maintenance technician",
           "machine repairer", "industrial maintenance technician"],
  core=["Industrial maintenance", "Hydraulics and pneumatics", "Electrical troubleshooting",
        "Troubleshooting", "Welding"],
  nice=["PLC programming", "Blueprint reading", "Machining", "Construction safety",
        "Precision measurement", "Power tools", "Mechanical aptitude"],
  next=["industrial-production-manager"])
R("maintenance-repair-worker", "49-9071.00", "trades", title="Maintenance and Repair Worker",
  exp=None,
  aliases=["maintenance worker", "handyman", "building maintenance technician",
           "facilities technician", "maintenance tech", "general maintenance worker"],
  core=["Industrial maintenance", "Troubleshooting", "Plumbing", "Electrical wiring", "Carpentry",
        "Painting and finishing"],
  nice=["HVAC", "Power tools", "Construction safety", "Customer service", "Mechanical aptitude",
        "Physical stamina", "Janitorial services"],
  next=["hvac-technician", "electrician", "industrial-machinery-mechanic"])
R("power-line-installer", "49-9051.00", "trades", title="Power Line Installer", exp=None,
  aliases=["lineman", "lineworker", "electrical lineman", "power lineman", "journeyman lineman",
           "line technician"],
  core=["Power line work", "Electrical wiring", "Construction safety", "Rigging",
        "Commercial driving"],
  nice=["Heavy equipment operation", "Electrical troubleshooting", "Physical stamina", "Teamwork",
        "Blueprint reading", "CPR"],
  next=["construction-supervisor"])
R("telecom-line-installer", "49-9052.00", "trades", title="Telecommunications Line Installer",
  exp=None,
  aliases=["cable technician", "fiber optic technician", "cable installer", "telecom technician",
           "fiber splicer", "lineman telecommunications"],
  core=["Telecommunications installation", "Construction safety", "Safe driving",
        "Troubleshooting"],
  nice=["Networking", "Electrical wiring", "Customer service", "Physical stamina",
        "Power line work", "Blueprint reading"],
  next=["network-support-specialist"])
R("roofer", "47-2181.00", "trades", title="Roofer", exp=None,
  aliases=["roofing technician", "roofing installer", "shingler", "commercial roofer"],
  core=["Roofing", "Construction safety", "Power tools", "Physical stamina"],
  nice=["Carpentry", "Construction", "Blueprint reading", "Teamwork", "Rigging",
        "Customer service"],
  next=["construction-supervisor"])
R("painter", "47-2141.00", "trades", title="Painter", exp=None,
  aliases=["house painter", "commercial painter", "industrial painter", "drywall finisher",
           "painting contractor"],
  core=["Painting and finishing", "Construction safety", "Attention to detail"],
  nice=["Carpentry", "Physical stamina", "Customer service", "Construction", "Manual dexterity",
        "Rigging"],
  next=["construction-supervisor"])
R("sheet-metal-worker", "47-2211.00", "trades", title="Sheet Metal Worker", exp=None,
  aliases=["sheet metal mechanic", "sheet metal fabricator", "HVAC sheet metal installer",
           "tinsmith"],
  core=["Metal fabrication", "Blueprint reading", "Welding", "HVAC", "Power tools"],
  nice=["Construction safety", "Precision measurement", "Mathematics", "CAD", "Rigging",
        "Physical stamina"],
  next=["construction-supervisor"])
R("elevator-installer", "47-4021.00", "trades", title="Elevator Installer and Repairer", exp=None,
  aliases=["elevator mechanic", "elevator technician", "escalator technician",
           "elevator constructor"],
  core=["Elevator systems", "Electrical troubleshooting", "Hydraulics and pneumatics",
        "Blueprint reading", "Construction safety"],
  nice=["Electrical wiring", "Power tools", "Rigging", "Mechanical aptitude", "Customer service",
        "Troubleshooting"],
  next=["construction-supervisor"])
R("wind-turbine-technician", "49-9081.00", "trades", title="Wind Turbine Technician", exp=None,
  aliases=["wind tech", "wind turbine service technician", "windsmith", "wind energy technician"],
  core=["Wind turbine maintenance", "Electrical troubleshooting", "Hydraulics and pneumatics",
        "Construction safety", "Rigging"],
  nice=["PLC programming", "Industrial maintenance", "Physical stamina", "CPR", "Multimeter",
        "Troubleshooting"],
  next=[])
R("solar-installer", "47-2231.00", "trades", title="Solar Panel Installer", exp=None,
  aliases=["solar PV installer", "solar technician", "solar installer", "photovoltaic installer",
           "solar electrician"],
  core=["Solar installation", "Electrical wiring", "Construction safety", "Roofing",
        "Power tools"],
  nice=["National Electrical Code", "Blueprint reading", "Physical stamina", "Customer service",
        "Carpentry", "Rigging"],
  next=["electrician"])
R("construction-supervisor", "47-1011.00", "trades", title="Construction Foreman", exp=5,
  aliases=["foreman", "construction supervisor", "site supervisor", "crew leader",
           "general foreman", "first-line supervisor of construction trades"],
  core=["Construction", "People management", "Construction safety", "Blueprint reading",
        "Scheduling"],
  nice=["Construction management", "Building codes", "Cost estimating", "Carpentry",
        "Conflict resolution", "Leadership", "Quality control"],
  next=["construction-manager"])
R("truck-driver", "53-3032.00", "trades", title="Truck Driver", exp=None,
  aliases=["CDL driver", "tractor-trailer driver", "OTR driver", "long haul truck driver",
           "semi truck driver", "class A driver", "regional truck driver"],
  core=["Commercial driving", "Safe driving", "Time management"],
  nice=["Hazardous materials", "Forklift operation", "Customer service", "Physical stamina",
        "Diesel engine repair", "Logistics", "Mechanical aptitude"],
  next=["logistician"])
R("delivery-driver", "53-3033.00", "trades", title="Delivery Driver", exp=None,
  aliases=["light truck driver", "courier driver", "van driver", "route driver",
           "package delivery driver", "delivery truck driver"],
  core=["Safe driving", "Customer service", "Time management", "Physical stamina"],
  nice=["Commercial driving", "Mail delivery", "Forklift operation", "Cash handling",
        "Organization"],
  next=["truck-driver"])
R("forklift-operator", "53-7051.00", "trades", title="Forklift Operator", exp=None,
  aliases=["forklift driver", "industrial truck operator", "reach truck operator",
           "lift truck operator", "material handler forklift"],
  core=["Forklift operation", "Warehouse operations", "Construction safety",
        "Inventory management"],
  nice=["Physical stamina", "Attention to detail", "Teamwork", "Hazardous materials",
        "Data entry"],
  next=["logistician", "truck-driver"])
R("warehouse-worker", "53-7062.00", "trades", title="Warehouse Worker", exp=None,
  aliases=["warehouse associate", "material handler", "order picker", "stocker",
           "package handler", "freight handler", "picker packer"],
  core=["Warehouse operations", "Physical stamina", "Inventory management", "Teamwork"],
  nice=["Forklift operation", "Construction safety", "Attention to detail", "Data entry",
        "Time management"],
  next=["forklift-operator", "logistician"])
R("quality-control-inspector", "51-9061.00", "trades", title="Quality Control Inspector", exp=None,
  aliases=["QC inspector", "quality inspector", "quality technician", "inspector",
           "product tester", "quality control technician"],
  core=["Quality control", "Precision measurement", "Blueprint reading", "Attention to detail",
        "Quality assurance"],
  nice=["GD&T", "Statistical process control", "Root cause analysis", "Data entry",
        "Microsoft Excel", "Manufacturing processes", "Lean Six Sigma"],
  next=["industrial-production-manager"])
R("assembler", "51-2092.00", "trades", title="Assembler", soc="51-2090", exp=None,
  aliases=["team assembler", "production assembler", "assembly line worker",
           "electronics assembler", "production worker", "fabricator assembler"],
  core=["Production assembly", "Manual dexterity", "Attention to detail", "Quality control",
        "Power tools"],
  nice=["Blueprint reading", "Construction safety", "Teamwork", "Physical stamina",
        "Manufacturing processes"],
  next=["quality-control-inspector", "machinist"])
R("chef", "35-1011.00", "trades", title="Chef", exp=5,
  aliases=["head chef", "executive chef", "sous chef", "head cook", "chef de cuisine",
           "kitchen lead"],
  core=["Cooking", "Kitchen management", "Food safety", "People management", "Creativity"],
  nice=["Inventory management", "Budgeting", "Food service management", "Scheduling",
        "Vendor management", "Training and development", "Leadership", "Nutrition"],
  next=["food-service-manager"])
R("cook", "35-2014.00", "trades", title="Cook", exp=None,
  aliases=["line cook", "prep cook", "restaurant cook", "grill cook", "short order cook",
           "kitchen staff"],
  core=["Cooking", "Food safety", "Multitasking"],
  nice=["Kitchen management", "Teamwork", "Physical stamina", "Time management",
        "Inventory management", "Attention to detail", "Food and beverage service"],
  next=["chef"])
R("bartender", "35-3011.00", "trades", title="Bartender", exp=None,
  aliases=["mixologist", "bar server", "barback", "lead bartender"],
  core=["Bartending and beverage service", "Customer service", "Cash handling", "Food safety"],
  nice=["Point of sale systems", "Multitasking", "Conflict resolution", "Inventory management",
        "Food and beverage service", "Sales", "Communication"],
  next=["food-service-manager"])
R("server", "35-3031.00", "trades", title="Restaurant Server", exp=None,
  aliases=["waiter", "waitress", "server", "food server", "banquet server", "waitstaff"],
  core=["Food and beverage service", "Customer service", "Multitasking", "Cash handling"],
  nice=["Point of sale systems", "Food safety", "Bartending and beverage service", "Teamwork",
        "Communication", "Physical stamina", "Sales"],
  next=["food-service-manager", "bartender"])
R("hairdresser", "39-5012.00", "trades", title="Hairstylist", exp=None,
  aliases=["hairdresser", "cosmetologist", "hair stylist", "barber", "colorist hair",
           "salon stylist"],
  core=["Cosmetology", "Customer service", "Creativity", "Sanitation salon"],
  nice=["Sales", "Scheduling", "Social media marketing", "Relationship building", "Cash handling",
        "Physical stamina", "Communication"],
  next=[])
R("landscaper", "37-3011.00", "trades", title="Landscaper", exp=None,
  aliases=["groundskeeper", "landscape laborer", "lawn care technician", "gardener",
           "landscape technician", "grounds maintenance worker"],
  core=["Landscaping", "Power tools", "Physical stamina", "Horticulture"],
  nice=["Heavy equipment operation", "Safe driving", "Construction safety", "Teamwork",
        "Customer service"],
  next=["landscape-architect"])
R("janitor", "37-2011.00", "trades", title="Janitor", exp=None,
  aliases=["custodian", "cleaner", "janitorial worker", "custodial worker", "building cleaner",
           "porter"],
  core=["Janitorial services", "Physical stamina", "Hazardous materials", "Attention to detail"],
  nice=["Industrial maintenance", "Time management", "Work ethic", "Teamwork",
        "Construction safety"],
  next=["maintenance-repair-worker"])
R("airline-pilot", "53-2011.00", "trades", title="Airline Pilot", exp=5,
  aliases=["pilot", "commercial pilot", "first officer", "captain airline", "copilot",
           "airline captain"],
  core=["Aviation operations", "Decision making", "Leadership", "Attention to detail"],
  nice=["Aircraft maintenance", "Emergency response", "Communication", "Mathematics",
        "Multitasking", "Teamwork"],
  next=[])
R("flight-attendant", "53-2031.00", "trades", title="Flight Attendant", exp=None,
  aliases=["cabin crew", "steward", "stewardess", "inflight crew member", "purser"],
  core=["Passenger service", "Customer service", "CPR", "Emergency response"],
  nice=["Foreign languages", "Conflict resolution", "Communication", "Teamwork",
        "Physical stamina", "Cultural competence", "De-escalation"],
  next=[])

# ===================================== PUBLIC SERVICE & LEGAL ====================================
R("police-officer", "33-3051.00", "public service", title="Police Officer", exp=0,
  aliases=["patrol officer", "police patrol officer", "sheriff's deputy", "deputy sheriff", "cop",
           "state trooper", "law enforcement officer"],
  core=["Law enforcement", "Report writing", "Firearms", "De-escalation", "Investigation"],
  nice=["Emergency response", "CPR", "Safe driving", "Community outreach", "Court procedures",
        "Conflict resolution", "Spanish", "Physical stamina", "Crisis intervention"],
  next=["detective", "emergency-management-director"])
R("detective", "33-3021.00", "public service", title="Detective", exp=3,
  aliases=["criminal investigator", "police detective", "special agent", "investigator",
           "homicide detective"],
  core=["Investigation", "Law enforcement", "Report writing", "Interviewing", "Court procedures"],
  nice=["Firearms", "Data analysis", "Attention to detail", "Critical thinking", "Legal research",
        "Incident response", "Physical security"],
  next=[])
R("firefighter", "33-2011.00", "public service", title="Firefighter", exp=0,
  aliases=["fire fighter", "firefighter EMT", "wildland firefighter", "fire engineer",
           "fire captain", "fireman"],
  core=["Firefighting", "Emergency response", "Emergency medical care", "CPR",
        "Hazardous materials"],
  nice=["Physical stamina", "Teamwork", "Fire safety", "Commercial driving", "Safe driving",
        "Decision making", "Rigging"],
  next=["fire-inspector", "emergency-management-director", "paramedic"])
R("fire-inspector", "33-2021.00", "public service", title="Fire Inspector", exp=3,
  aliases=["fire investigator", "fire marshal", "fire prevention inspector", "arson investigator",
           "fire safety inspector"],
  core=["Fire safety", "Building codes", "Investigation", "Report writing", "Firefighting"],
  nice=["Blueprint reading", "Hazardous materials", "Public speaking", "Attention to detail",
        "Court procedures", "Community outreach"],
  next=["emergency-management-director"])
R("correctional-officer", "33-3012.00", "public service", title="Correctional Officer", exp=0,
  aliases=["corrections officer", "detention officer", "jailer", "prison guard",
           "detention deputy"],
  core=["Corrections", "De-escalation", "Report writing", "Physical security",
        "Crisis intervention"],
  nice=["Firearms", "CPR", "Conflict resolution", "Physical stamina", "Attention to detail",
        "Communication", "Cultural competence"],
  next=["probation-officer", "police-officer"])
R("probation-officer", "21-1092.00", "public service", title="Probation Officer", exp=0,
  aliases=["parole officer", "correctional treatment specialist", "community supervision officer",
           "juvenile probation officer", "pretrial services officer"],
  core=["Corrections", "Case management", "Report writing", "Court procedures",
        "Crisis intervention"],
  nice=["Counseling", "Interviewing", "De-escalation", "Social services", "Cultural competence",
        "Data entry", "Safe driving"],
  next=["social-community-service-manager"])
R("emergency-dispatcher", "43-5031.00", "public service", title="Emergency Dispatcher", exp=0,
  aliases=["911 dispatcher", "police dispatcher", "public safety telecommunicator",
           "emergency communications operator", "911 operator"],
  core=["Dispatch", "Multitasking", "Emergency response", "Active listening", "Data entry"],
  nice=["CPR", "Attention to detail", "Communication", "Decision making", "Spanish", "Empathy",
        "Time management"],
  next=["emergency-management-director"])
R("emergency-management-director", "11-9161.00", "public service",
  title="Emergency Management Director", exp=5,
  aliases=["emergency manager", "emergency management coordinator",
           "emergency preparedness manager", "disaster recovery manager"],
  core=["Emergency management", "Emergency response", "Risk management", "Community outreach",
        "Public speaking"],
  nice=["GIS", "Grant writing", "Budgeting", "Project management", "Report writing",
        "Training and development", "Crisis communications", "People management"],
  next=[])
R("urban-planner", "19-3051.00", "public service", title="Urban Planner", edu="Master's degree",
  exp=1,
  aliases=["city planner", "regional planner", "land use planner", "transportation planner",
           "community development planner", "planning director"],
  core=["Urban planning", "GIS", "Public policy", "Community outreach", "Research"],
  nice=["ArcGIS", "AutoCAD", "Data analysis", "Presentation skills", "Writing",
        "Environmental compliance", "Grant writing", "Project management", "Building codes"],
  next=[])
R("lawyer", "23-1011.00", "legal", title="Lawyer", exp=0,
  aliases=["attorney", "counsel", "associate attorney", "general counsel", "litigator",
           "corporate lawyer", "solicitor"],
  core=["Legal research", "Legal writing", "Litigation", "Contract drafting", "Negotiation",
        "Legal practice areas"],
  nice=["Westlaw", "Court procedures", "Public speaking", "Mediation", "Compliance",
        "Critical thinking", "Relationship building", "E-discovery"],
  next=["chief-executive"])
R("paralegal", "23-2011.00", "legal", title="Paralegal", exp=0,
  aliases=["legal assistant", "litigation paralegal", "corporate paralegal", "law clerk",
           "legal analyst"],
  core=["Legal research", "Legal writing", "Court procedures", "E-discovery",
        "Legal case management"],
  nice=["Westlaw", "Contract drafting", "Microsoft Office", "Attention to detail", "Organization",
        "Data entry", "Litigation", "Scheduling"],
  next=["lawyer"])
R("legal-secretary", "43-6012.00", "legal", title="Legal Secretary", exp=0,
  aliases=["legal administrative assistant", "law firm secretary", "legal receptionist",
           "docketing clerk"],
  core=["Legal case management", "Court procedures", "Office administration", "Scheduling",
        "Microsoft Word"],
  nice=["Legal writing", "Data entry", "Organization", "Attention to detail", "Microsoft Office",
        "Communication"],
  next=["paralegal"])
R("social-community-service-manager", "11-9151.00", "public service",
  title="Social and Community Service Manager", exp=5,
  aliases=["program director nonprofit", "nonprofit manager", "community services director",
           "program manager social services", "executive director nonprofit"],
  core=["Social services", "People management", "Budgeting", "Grant writing",
        "Community outreach"],
  nice=["Public policy", "Case management", "Fundraising", "Strategic planning", "Data analysis",
        "Leadership", "Compliance", "Stakeholder management"],
  next=[])
R("tax-examiner", "13-2081.00", "public service", title="Tax Examiner", exp=1,
  aliases=["revenue agent", "tax auditor", "tax collector", "revenue officer", "IRS agent"],
  core=["Tax law", "Auditing", "Accounting", "Investigation", "Attention to detail"],
  nice=["Tax preparation", "Report writing", "Data analysis", "Negotiation", "Microsoft Excel",
        "Communication", "Compliance"],
  next=["financial-examiner"])
R("eligibility-interviewer", "43-4061.00", "public service", title="Eligibility Specialist", exp=0,
  aliases=["eligibility interviewer", "benefits specialist government", "eligibility worker",
           "case aide", "public assistance specialist"],
  core=["Social services", "Interviewing", "Data entry", "Case management", "Customer service"],
  nice=["Attention to detail", "Spanish", "Empathy", "Compliance", "Communication",
        "Microsoft Office"],
  next=["social-worker"])
R("security-guard", "33-9032.00", "public service", title="Security Guard", exp=0,
  aliases=["security officer", "security guard", "loss prevention officer", "bouncer",
           "armed security officer", "patrol officer security"],
  core=["Physical security", "Report writing", "De-escalation", "Emergency response"],
  nice=["CPR", "Customer service", "Firearms", "Conflict resolution", "Attention to detail",
        "Communication", "Physical stamina"],
  next=["police-officer", "correctional-officer"])
R("mail-carrier", "43-5052.00", "public service", title="Mail Carrier", exp=0,
  aliases=["postal carrier", "letter carrier", "postal worker", "rural carrier", "mailman"],
  core=["Mail delivery", "Safe driving", "Customer service", "Physical stamina"],
  nice=["Time management", "Attention to detail", "Organization"],
  next=[])

# ===================================== ENGINEERING ===============================================
R("mechanical-engineer", "17-2141.00", "engineering", title="Mechanical Engineer", exp=0,
  aliases=["design engineer", "product design engineer", "mechanical design engineer",
           "manufacturing engineer", "HVAC engineer"],
  core=["Mechanical design", "SolidWorks", "Thermodynamics", "GD&T", "Finite element analysis",
        "Manufacturing processes"],
  nice=["AutoCAD", "MATLAB", "Fluid mechanics", "Materials science", "Prototyping",
        "Project management", "Root cause analysis", "ANSYS", "Python",
        "Computational fluid dynamics", "Lean Six Sigma"],
  next=["engineering-manager"])
R("civil-engineer", "17-2051.00", "engineering", title="Civil Engineer", exp=0,
  aliases=["civil engineer EIT", "transportation engineer", "water resources engineer",
           "site engineer", "project engineer civil", "PE civil engineer"],
  core=["Civil engineering design", "Structural analysis", "AutoCAD", "Building codes",
        "Project management", "Geotechnical engineering"],
  nice=["Revit", "Surveying", "Construction management", "Cost estimating",
        "Environmental compliance", "GIS", "Microsoft Excel", "MATLAB", "Technical writing"],
  next=["engineering-manager", "construction-manager"])
C(id="structural-engineer", onet="17-2051.00", family="engineering", title="Structural Engineer",
  exp=0,
  aliases=["structural design engineer", "bridge engineer", "building engineer structural"],
  desc="Designs and checks the structure of buildings, bridges and other works so they "
       "carry their loads safely.",
  core=["Structural analysis", "Finite element analysis", "Building codes", "Revit",
        "Building information modeling"],
  nice=["AutoCAD", "Civil engineering design", "Mathematics", "Project management",
        "Technical writing", "Geotechnical engineering"],
  next=["engineering-manager"])
R("electrical-engineer", "17-2071.00", "engineering", title="Electrical Engineer", exp=0,
  aliases=["power engineer", "electrical design engineer", "controls engineer",
           "power systems engineer", "substation engineer"],
  core=["Electrical systems design", "Circuit design", "Power systems", "Control systems",
        "MATLAB", "National Electrical Code"],
  nice=["AutoCAD", "PLC programming", "PCB design", "Electronics", "Signal processing",
        "Project management", "Python", "C", "Test engineering"],
  next=["engineering-manager"])
R("electronics-engineer", "17-2072.00", "engineering", title="Electronics Engineer", exp=0,
  aliases=["hardware engineer", "electronics design engineer", "RF engineer",
           "analog design engineer", "board design engineer"],
  core=["Circuit design", "Electronics", "PCB design", "Signal processing", "Test engineering"],
  nice=["Altium Designer", "Embedded systems", "C", "MATLAB", "Python", "FPGA", "LabVIEW",
        "Multimeter", "Root cause analysis"],
  next=["engineering-manager"])
R("computer-hardware-engineer", "17-2061.00", "engineering", title="Computer Hardware Engineer",
  exp=0,
  aliases=["ASIC engineer", "FPGA engineer", "chip design engineer", "silicon engineer",
           "hardware design engineer", "VLSI engineer"],
  core=["FPGA", "Verilog", "VHDL", "Circuit design", "PCB design", "Embedded systems"],
  nice=["C", "C++", "Python", "Signal processing", "Test engineering", "Linux", "Electronics",
        "Computer hardware"],
  next=["engineering-manager"])
R("industrial-engineer", "17-2112.00", "engineering", title="Industrial Engineer", exp=0,
  aliases=["process engineer", "continuous improvement engineer",
           "manufacturing process engineer", "lean engineer", "operations engineer"],
  core=["Industrial engineering", "Lean Six Sigma", "Process improvement", "Simulation",
        "Manufacturing processes", "Data analysis"],
  nice=["AutoCAD", "Statistical process control", "Supply chain management", "Microsoft Excel",
        "Project management", "Root cause analysis", "Optimization", "ERP systems", "SPSS"],
  next=["industrial-production-manager", "engineering-manager"])
R("chemical-engineer", "17-2041.00", "engineering", title="Chemical Engineer", exp=0,
  aliases=["process engineer chemical", "chemical process engineer", "plant process engineer"],
  core=["Chemical engineering", "Thermodynamics", "Chemistry", "Fluid mechanics",
        "Process improvement"],
  nice=["MATLAB", "Manufacturing processes", "Statistical process control", "Root cause analysis",
        "Environmental compliance", "Lean Six Sigma", "Python", "Project management",
        "Analytical chemistry"],
  next=["engineering-manager"])
R("aerospace-engineer", "17-2011.00", "engineering", title="Aerospace Engineer", exp=0,
  aliases=["aeronautical engineer", "aircraft engineer", "propulsion engineer",
           "spacecraft engineer", "flight test engineer"],
  core=["Aerospace engineering", "Fluid mechanics", "MATLAB", "Systems engineering",
        "Finite element analysis", "Computational fluid dynamics"],
  nice=["SolidWorks", "Python", "C++", "Control systems", "Materials science", "Test engineering",
        "Thermodynamics", "Project management"],
  next=["engineering-manager"])
R("biomedical-engineer", "17-2031.00", "engineering", title="Biomedical Engineer", exp=0,
  aliases=["bioengineer", "medical device engineer", "clinical engineer",
           "biomechanical engineer"],
  core=["Biomedical engineering", "Medical devices", "MATLAB", "Test engineering", "Prototyping"],
  nice=["SolidWorks", "Python", "Quality assurance", "Materials science", "Signal processing",
        "Biology", "Research", "Statistics", "Anatomy and physiology", "Circuit design"],
  next=["engineering-manager"])
R("environmental-engineer", "17-2081.00", "engineering", title="Environmental Engineer", exp=0,
  aliases=["environmental compliance engineer", "water engineer", "wastewater engineer",
           "remediation engineer"],
  core=["Environmental compliance", "Civil engineering design", "Water treatment",
        "Environmental sampling", "AutoCAD"],
  nice=["GIS", "Chemistry", "Hazardous materials", "Project management", "Technical writing",
        "Construction management", "Microsoft Excel", "Geotechnical engineering"],
  next=["engineering-manager"])
R("engineering-manager", "11-9041.00", "engineering", title="Engineering Manager", exp=7,
  aliases=["architectural and engineering manager", "director of engineering",
           "engineering director", "chief engineer", "R&D manager", "VP engineering"],
  core=["People management", "Project management", "Budgeting", "Leadership",
        "Systems engineering", "Stakeholder management"],
  nice=["Strategic planning", "Risk management", "Performance management", "Mechanical design",
        "Electrical systems design", "Quality assurance", "Lean Six Sigma", "Vendor management",
        "Product launches"],
  next=["chief-executive"])
R("mechanical-engineering-technician", "17-3027.00", "engineering",
  title="Mechanical Engineering Technician", exp=0,
  aliases=["mechanical technician", "engineering technician", "test technician mechanical",
           "mechanical engineering technologist"],
  core=["SolidWorks", "Test engineering", "Precision measurement", "Prototyping", "Drafting"],
  nice=["AutoCAD", "Machining", "Quality control", "GD&T", "Manufacturing processes",
        "Microsoft Excel", "Report writing"],
  next=["mechanical-engineer"])
R("electrical-engineering-technician", "17-3023.00", "engineering",
  title="Electrical Engineering Technician", exp=0,
  aliases=["electronics technician", "electrical technician", "test technician electronics",
           "electronics engineering technician", "calibration technician"],
  core=["Electronics", "Electrical troubleshooting", "Test engineering", "Multimeter",
        "Production assembly"],
  nice=["Circuit design", "PCB design", "AutoCAD", "PLC programming", "Quality control",
        "Report writing"],
  next=["electrical-engineer", "electronics-engineer"])
R("drafter", "17-3011.00", "engineering", title="Drafter", exp=0,
  aliases=["CAD drafter", "architectural drafter", "civil drafter", "CAD technician", "draftsman",
           "BIM technician"],
  core=["Drafting", "AutoCAD", "Revit", "Building codes", "Blueprint reading"],
  nice=["CAD", "Building information modeling", "SketchUp", "Civil engineering design",
        "Architectural design", "Attention to detail", "Mathematics"],
  next=["architect", "civil-engineer"])
R("surveyor", "17-1022.00", "engineering", title="Surveyor", exp=2,
  aliases=["land surveyor", "licensed land surveyor", "survey party chief", "geodetic surveyor"],
  core=["Surveying", "GIS", "AutoCAD", "Mathematics"],
  nice=["ArcGIS", "Civil engineering design", "Data analysis", "Physical stamina",
        "Attention to detail", "Drafting", "Safe driving", "Construction"],
  next=["civil-engineer"])

# ===================================== SCIENCE ===================================================
R("environmental-scientist", "19-2041.00", "science", title="Environmental Scientist", exp=1,
  aliases=["environmental specialist", "environmental consultant",
           "environmental health specialist", "environmental analyst", "ecologist"],
  core=["Environmental sampling", "Environmental compliance", "GIS", "Data analysis",
        "Scientific writing"],
  nice=["ArcGIS", "Chemistry", "Biology", "Statistics", "Hazardous materials",
        "Laboratory techniques", "Project management", "Geology", "R", "Public policy"],
  next=["environmental-engineer"])
R("chemist", "19-2031.00", "science", title="Chemist", exp=0,
  aliases=["analytical chemist", "research chemist", "QC chemist", "formulation chemist",
           "organic chemist", "lab chemist"],
  core=["Chemistry", "Analytical chemistry", "Laboratory techniques", "Research",
        "Scientific writing"],
  nice=["Quality control", "Statistics", "Microsoft Excel", "Quality assurance", "Python",
        "Materials science", "Data analysis"],
  next=["chemical-engineer"])
R("microbiologist", "19-1022.00", "science", title="Microbiologist", exp=0,
  aliases=["clinical microbiologist", "QC microbiologist", "research microbiologist",
           "virologist"],
  core=["Microbiology", "Laboratory techniques", "Molecular biology", "Microscopy", "Research"],
  nice=["Cell culture", "Scientific writing", "Quality control", "Genomics", "Statistics",
        "Quality assurance", "Laboratory testing"],
  next=["medical-scientist"])
R("biochemist", "19-1021.00", "science", title="Biochemist", exp=0,
  aliases=["biophysicist", "protein scientist", "molecular biologist", "research biochemist"],
  core=["Molecular biology", "Chemistry", "Laboratory techniques", "Research", "Cell culture"],
  nice=["Analytical chemistry", "Genomics", "Scientific writing", "Statistics", "Bioinformatics",
        "Python", "Grant writing"],
  next=["medical-scientist"])
R("biological-technician", "19-4021.00", "science", title="Biological Technician", exp=0,
  aliases=["lab technician", "research technician", "research associate biology",
           "laboratory technician", "research assistant lab"],
  core=["Laboratory techniques", "Cell culture", "Microscopy", "Attention to detail", "Biology"],
  nice=["Molecular biology", "Microbiology", "Quality control", "Data analysis",
        "Microsoft Excel", "Scientific writing", "Genomics"],
  next=["microbiologist", "biochemist"])
R("geoscientist", "19-2042.00", "science", title="Geoscientist", exp=0,
  aliases=["geologist", "geophysicist", "hydrogeologist", "exploration geologist",
           "petroleum geologist"],
  core=["Geology", "GIS", "Environmental sampling", "Scientific writing", "Data analysis"],
  nice=["ArcGIS", "Python", "Mathematics", "Chemistry", "Report writing", "Surveying",
        "Statistics"],
  next=["environmental-scientist"])
R("physicist", "19-2012.00", "science", title="Physicist", exp=0,
  aliases=["research physicist", "medical physicist", "applied physicist", "optical physicist"],
  core=["Physics", "Mathematics", "Research", "Python", "Simulation", "Scientific writing"],
  nice=["MATLAB", "C++", "Statistics", "Data analysis", "Machine learning", "LaTeX",
        "Laboratory techniques"],
  next=["data-scientist"])
R("food-scientist", "19-1012.00", "science", title="Food Scientist", exp=0,
  aliases=["food technologist", "product developer food", "flavor chemist",
           "food safety scientist"],
  core=["Food science", "Chemistry", "Laboratory techniques", "Food safety", "Quality assurance"],
  nice=["Microbiology", "Research", "Statistics", "Nutrition", "Compliance",
        "Analytical chemistry"],
  next=[])
R("conservation-scientist", "19-1031.00", "science", title="Conservation Scientist", exp=0,
  aliases=["range manager", "soil conservationist", "natural resource specialist",
           "conservation planner", "forester"],
  core=["Conservation", "GIS", "Biology", "Environmental sampling", "Report writing"],
  nice=["ArcGIS", "Community outreach", "Data analysis", "Agricultural science", "Public policy",
        "Physical stamina", "Safe driving"],
  next=["environmental-scientist"])
R("atmospheric-scientist", "19-2021.00", "science", title="Meteorologist", exp=0,
  aliases=["atmospheric scientist", "weather forecaster", "climate scientist",
           "broadcast meteorologist", "climatologist"],
  core=["Atmospheric science", "Physics", "Python", "Statistics", "Data analysis"],
  nice=["Mathematics", "Simulation", "Public speaking", "GIS", "Machine learning", "Research",
        "MATLAB"],
  next=[])


# fmt: on


# ===================================== BUILD =====================================================
def _rows(onet_dir: Path, name: str) -> list[tuple[Any, ...]]:
    import openpyxl  # dev-only dependency of this curation script

    wb = openpyxl.load_workbook(onet_dir / f"{name}.xlsx", read_only=True)
    rows = list(wb.active.iter_rows(values_only=True))
    return rows[1:]


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?\.)(\s+[A-Z]|$)", text.strip())
    return (match.group(1) if match else text).strip()


def _shorten(text: str, limit: int = 220) -> str:
    """Trim a long O*NET description to one readable clause (the attribution says "modified")."""
    text = re.sub(r"\s*\(e\.g\.,[^)]*\)", "", text)
    for marker in (", such as", "; ", ", including"):
        if len(text) > limit and marker in text:
            text = text.split(marker, 1)[0].rstrip(",;") + "."
    if len(text) > limit:
        cut = text[:limit].rsplit(", ", 1)[0]
        text = cut.rstrip(",;") + "."
    return text


def _clean_titles(title: str) -> list[str]:
    out = []
    inner = re.findall(r"\(([^)]+)\)", title)
    base = re.sub(r"\s*\([^)]*\)", "", title).strip()
    if base:
        out.append(base)
    out.extend(i.strip() for i in inner if len(i.strip()) > 2)
    return out


def _q(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _flow(key: str, items: list[str], indent: str = "  ") -> str:
    if not items:
        return f"{indent}{key}: []"
    parts = [_q(i) if re.search(r"[:#,\[\]{}&*!|>'\"%@`]|^[-?]", i) else i for i in items]
    line = f"{indent}{key}: [" + ", ".join(parts) + "]"
    if len(line) <= 100:
        return line
    out, current = [], f"{indent}{key}: ["
    for i, part in enumerate(parts):
        piece = part + (", " if i < len(parts) - 1 else "]")
        if len(current) + len(piece) > 100:
            out.append(current.rstrip())
            current = indent + "  "
        current += piece
    out.append(current)
    return "\n".join(out)


def build(onet_dir: Path, data_dir: Path) -> str:
    occ = {r[0]: (r[1], r[2]) for r in _rows(onet_dir, "Occupation Data")}
    zones = {r[0]: int(r[2]) for r in _rows(onet_dir, "Job Zones")}
    reported: dict[str, list[str]] = defaultdict(list)
    for r in _rows(onet_dir, "Sample of Reported Titles"):
        if r[3] == "Y":
            reported[r[0]].append(r[2])
    edu: dict[str, dict[int, float]] = defaultdict(dict)
    rw: dict[str, dict[int, float]] = defaultdict(dict)
    for r in _rows(onet_dir, "Education, Training, and Experience"):
        if r[4] == "RL":
            edu[r[0]][int(r[6])] = float(r[7])
        elif r[4] == "RW":
            rw[r[0]][int(r[6])] = float(r[7])
    wages = WageStore(ensure_wage_database(data_dir))
    ids = {s["id"] for s in SPEC}
    titles = {s["title"].casefold() for s in SPEC}
    blocks: list[str] = []
    claimed: dict[str, str] = {}
    for s in SPEC:  # hand-written aliases win over O*NET reported titles
        for a in s["aliases"]:
            claimed.setdefault(a.casefold(), s["id"])
    for s in SPEC:
        code = s["onet"]
        soc = s["soc"] or code[:7]
        soc_title = wages.occupation_names.get(soc.replace("-", ""))
        if soc_title is None:  # BLS publishes some detailed codes only as their broad group
            broad = soc[:-1] + "0"
            soc_title = wages.occupation_names.get(broad.replace("-", ""))
            if soc_title is not None:
                print(f"note: {s['id']}: SOC {soc} -> BLS broad group {broad} ({soc_title})")
                soc = broad
        if soc_title is None:
            raise SystemExit(f"{s['id']}: SOC {soc} not in the BLS file")
        for nxt in s["next"]:
            if nxt not in ids:
                raise SystemExit(f"{s['id']}: next role {nxt} is not in the spec")
        onet_title, onet_desc = occ[code]
        zone = s["zone"] or zones.get(code) or zones.get(code[:7] + ".00") or 4
        if s["edu"]:
            education = s["edu"]
        elif edu.get(code):
            education = EDUCATION[max(edu[code].items(), key=lambda kv: kv[1])[0]]
        else:
            education = ZONE_EDUCATION[zone]
        exp = s["exp"]
        if exp is None:
            dist = rw.get(code)
            if dist:
                total, acc = sum(dist.values()), 0.0
                for cat in sorted(dist):
                    acc += dist[cat]
                    if acc >= total / 2:
                        exp = RW_YEARS[cat]
                        break
            else:
                exp = {1: 0, 2: 0, 3: 1, 4: 2, 5: 3}[zone]
        aliases = list(s["aliases"])
        if s["source"] == "onet":
            if onet_title.casefold() != s["title"].casefold():
                aliases.append(onet_title)
            extra = [
                t
                for rt in reported[code]
                for t in _clean_titles(rt)
                if t.casefold() not in DROP_ALIASES
            ]
            aliases += extra[:6]
        seen, kept = {s["title"].casefold()}, []
        for a in aliases:
            key = a.casefold()
            if key in seen or key in titles or claimed.get(key, s["id"]) != s["id"]:
                continue
            seen.add(key)
            claimed[key] = s["id"]
            kept.append(a)
        desc = s["desc"] or _shorten(_first_sentence(onet_desc))
        lines = [
            f"- id: {s['id']}",
            f"  title: {_q(s['title'])}",
            f'  soc: "{soc}"',
            f"  soc_title: {_q(soc_title)}",
            f'  onet: "{code}"',
            f"  family: {s['family']}",
            f"  source: {s['source']}",
            _flow("aliases", kept),
            f"  description: {_q(desc)}",
            _flow("core", s["core"]),
            _flow("nice", s["nice"]),
            f"  education: {_q(education)}",
            f"  experience_years: {exp}",
            f"  job_zone: {zone}",
            _flow("next", s["next"]),
        ]
        blocks.append("\n".join(lines))
    header = (
        "# CareerMate occupation catalogue (facts only). Generated by\n"
        "# scripts/curate_occupations.py, then reviewed. Skills, families and next-step roles\n"
        "# are CareerMate curation; titles,\n"
        "# descriptions, job zones, education and some aliases come from the O*NET 29.3 Database\n"
        "# by USDOL/ETA, CC BY 4.0, modified. soc/soc_title are BLS SOC codes and OEWS titles.\n"
        "# core/nice: skill names from skills.yaml; next: ids of catalogue occupations;\n"
        "# experience_years: typical years of related experience before the role.\n"
        "occupations:\n"
    )
    return header + "\n".join(blocks) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onet", type=Path, default=ROOT.parent / "shared" / "onet")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "careermate_bot" / "knowledge" / "data" / "occupations.yaml",
    )
    args = parser.parse_args()
    text = build(args.onet, args.data_dir)
    yaml.safe_load(text)  # must parse
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {len(SPEC)} occupations to {args.out}")


if __name__ == "__main__":
    main()
